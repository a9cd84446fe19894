using System.Globalization;

internal static class B5Logs
{
    /// <summary>B5: one container's log of <paramref name="lines"/> lines, read to the end and thrown away by each contender.</summary>
    public static async Task<Row> Run(BenchContext b, int lines)
    {
        var logged = await b.Raw.Create(b.Api, b.Image, ["seq", "1", lines.ToString(CultureInfo.InvariantCulture)], "b5");
        await b.Raw.Send("POST", $"/{b.Api}/containers/{logged}/start");
        await b.Raw.Send("POST", $"/{b.Api}/containers/{logged}/wait");
        var memory = new MemoryProbe();
        var b5 = Bench.Interleave(1, b.Smoke ? 1 : 3, TimeSpan.FromSeconds(b.Smoke ? 10 : 120),
            () => memory.Measure(() => Bench.Invoke(b.Runspace, $"Get-DockerContainerLog {logged} | Out-Null")),
            () => Bench.Run("/bin/sh", $"-c \"{b.Cli} -H {b.Host} logs {logged} >/dev/null\""),
            () => b.Raw.Drain($"/{b.Api}/containers/{logged}/logs?stdout=1&stderr=1").Result);
        return new Row("B5", $"read {lines:N0} log lines to the end (`Get-DockerContainerLog c \\| Out-Null`, `docker logs c >/dev/null`, raw bytes)", b5,
            "≥ 0.5× docker logs throughput; flat memory", b5.Cli!.Median >= 0.5 * b5.Ours.Median && memory.PeakGrowthMiB <= Bench.FlatMiB, memory);
    }
}
