internal static class B4Build
{
    /// <summary>
    /// B4: a build context of <paramref name="files"/> files holding <paramref name="bytes"/> in all, a quarter of them
    /// ignored: half of those in a folder the .dockerignore excludes whole (node_modules/, which a client may skip without
    /// walking), half as *.log files among the kept ones. The Dockerfile only labels the base image, so each build times
    /// the upload and the engine's unpacking of the context, not layer writes. The raw floor streams a tar of the same
    /// kept files (System.Formats.Tar, as DockerPS).
    /// </summary>
    public static async Task<Row> Run(BenchContext b, int files, long bytes)
    {
        var context = Directory.CreateTempSubdirectory("dockerps-bench-b4-").FullName;
        var size = (int)(bytes / files);
        var data = new byte[size];
        for (var i = 0; i < files; i++)
        {
            var ignored = i % 4 == 0;
            var dir = Path.Combine(context, ignored && i % 8 == 0 ? "node_modules" : "src", $"d{i % 100:D2}");
            Directory.CreateDirectory(dir);
            Random.Shared.NextBytes(data);
            File.WriteAllBytes(Path.Combine(dir, $"f{i:D5}.{(ignored && i % 8 != 0 ? "log" : "bin")}"), data);
        }
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {b.Image}\nLABEL dockerps.bench=b4\n");
        File.WriteAllText(Path.Combine(context, ".dockerignore"), "node_modules\n**/*.log\n");
        var tag = "dockerps-bench/b4:latest";
        try
        {
            var memory = new MemoryProbe();
            var b4 = Bench.Interleave(b.Smoke ? 0 : 1, b.Smoke ? 1 : 5, TimeSpan.FromSeconds(b.Smoke ? 30 : 300),
                () => memory.Measure(() => Bench.Invoke(b.Runspace, $"Invoke-DockerBuild -Path '{context}' -Tag {tag}")),
                () => Bench.Run(b.Cli, $"-H {b.Host} build -q -t {tag} {context}", ("DOCKER_BUILDKIT", "0")),
                () => b.Raw.Build(b.Api, context, tag, path => !path.StartsWith("node_modules", StringComparison.Ordinal) && !path.EndsWith(".log", StringComparison.Ordinal)).Result);
            return new Row("B4", $"build context of {bytes >> 20} MiB in {files:N0} files, {files / 4:N0} ignored (`Invoke-DockerBuild`, `DOCKER_BUILDKIT=0 docker build`, raw tar upload to /build)", b4,
                "peak memory growth ≤ 64 MiB; ≤ 1.1× DOCKER_BUILDKIT=0 docker build", memory.PeakGrowthMiB <= Bench.FlatMiB && b4.Ours.Median <= 1.1 * b4.Cli!.Median, memory);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
            await b.Raw.Send("DELETE", $"/{b.Api}/images/{Uri.EscapeDataString(tag)}?force=1");
        }
    }
}
