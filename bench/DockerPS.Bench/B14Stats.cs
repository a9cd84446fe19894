internal static class B14Stats
{
    /// <summary>
    /// B14: one stats sample of each of <paramref name="n"/> running containers: `Get-DockerContainerStats` of the piped
    /// ids, `docker stats --no-stream` of the same, and the raw floor (the n one-sample GETs at once, as the CLI makes them).
    /// </summary>
    public static async Task<Row> Run(BenchContext b, int n)
    {
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = await b.Raw.Create(b.Api, b.Image, ["sleep", "3600"], "b14");
            await b.Raw.Send("POST", $"/{b.Api}/containers/{ids[i]}/start");
        }
        b.Runspace.SessionStateProxy.SetVariable("b14", ids);
        var b14 = Bench.Interleave(1, b.Smoke ? 1 : 10, TimeSpan.FromSeconds(b.Smoke ? 20 : 120),
            () => Bench.Expect(n, Bench.Invoke(b.Runspace, "$b14 | Get-DockerContainerStats").Count),
            () => Bench.Expect(n + 1, Bench.Run(b.Cli, $"-H {b.Host} stats --no-stream {string.Join(' ', ids)}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
            () => Bench.Expect(n, Task.WhenAll(ids.Select(id => b.Raw.Send("GET", $"/{b.Api}/containers/{id}/stats?stream=false"))).Result.Length));
        return new Row("B14", $"one stats sample of {n} running containers (`Get-DockerContainerStats`, `docker stats --no-stream`, raw GETs at once)", b14,
            "≤ 1.0× docker stats --no-stream", b14.Ours.Median <= b14.Cli!.Median);
    }
}
