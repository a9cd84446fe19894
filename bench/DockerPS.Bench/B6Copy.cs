using System.Diagnostics;

internal static class B6Copy
{
    /// <summary>
    /// B6: a tree of <paramref name="mib"/> 1 MiB files in 16 folders copied into a container and back out, one row per
    /// direction. Each contender times only its copy (cleaning the previous destination is not counted).
    /// </summary>
    public static async Task<Row[]> Run(BenchContext b, int mib)
    {
        var work = Directory.CreateTempSubdirectory("dockerps-bench-b6-").FullName;
        var source = Path.Combine(work, "b6");
        var data = new byte[1 << 20];
        for (var i = 0; i < mib; i++)
        {
            Random.Shared.NextBytes(data);
            var dir = Path.Combine(source, $"d{i % 16:D2}");
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, $"f{i:D4}.bin"), data);
        }
        var container = await b.Raw.Create(b.Api, b.Image, ["sleep", "3600"], "b6");
        await b.Raw.Send("POST", $"/{b.Api}/containers/{container}/start");
        try
        {
            var local = Path.Combine(work, "out");
            double Timed(Action before, Action copy)
            {
                before();
                var watch = Stopwatch.StartNew();
                copy();
                return watch.Elapsed.TotalMilliseconds;
            }
            void ClearInside() => b.Raw.Exec(b.Api, container, ["rm", "-rf", "/b6"]).Wait();
            void ClearLocal() { if (Directory.Exists(local)) { Directory.Delete(local, recursive: true); } }
            var iterations = b.Smoke ? 1 : 5;
            var budget = TimeSpan.FromSeconds(b.Smoke ? 20 : 240);
            var inMemory = new MemoryProbe();
            var into = Bench.Interleave(1, iterations, budget,
                () => Timed(ClearInside, () => inMemory.Measure(() => Bench.Invoke(b.Runspace, $"Copy-DockerItem '{source}' '{container}:/b6'"))),
                () => Timed(ClearInside, () => Bench.Run(b.Cli, $"-H {b.Host} cp {source} {container}:/b6")),
                () => Timed(ClearInside, () => b.Raw.PutArchive(b.Api, container, source, "/").Wait()));
            var outMemory = new MemoryProbe();
            var outOf = Bench.Interleave(1, iterations, budget,
                () => Timed(ClearLocal, () => outMemory.Measure(() => Bench.Invoke(b.Runspace, $"Copy-DockerItem '{container}:/b6' '{local}'"))),
                () => Timed(ClearLocal, () => Bench.Run(b.Cli, $"-H {b.Host} cp {container}:/b6 {local}")),
                () => Timed(ClearLocal, () => b.Raw.GetArchive(b.Api, container, "/b6", local).Wait()));
            return
            [
                new Row("B6", $"copy a {mib} MiB tree ({mib} files of 1 MiB, {Math.Min(16, mib)} folders) into a container (`Copy-DockerItem`, `docker cp`, raw tar upload)", into,
                    "≤ 1.2× docker cp", into.Ours.Median <= 1.2 * into.Cli!.Median, inMemory),
                new Row("B6", $"copy the same tree out of the container (`Copy-DockerItem`, `docker cp`, raw tar download extracted)", outOf,
                    "≤ 1.2× docker cp", outOf.Ours.Median <= 1.2 * outOf.Cli!.Median, outMemory),
            ];
        }
        finally
        {
            await b.Raw.Send("DELETE", $"/{b.Api}/containers/{container}?force=1");
            Directory.Delete(work, recursive: true);
        }
    }
}
