internal static class B10Run
{
    /// <summary>
    /// B10: `docker run --rm IMAGE true` to the end: `Invoke-DockerContainer -Remove`, the CLI, and the raw floor (create
    /// with AutoRemove, start, wait until removed; no attach, which the other two make).
    /// </summary>
    public static Row Run(BenchContext b)
    {
        var body = new
        {
            Image = b.Image,
            Cmd = new[] { "true" },
            Labels = new Dictionary<string, string> { [Bench.Label] = "b10" },
            HostConfig = new { AutoRemove = true },
        };
        var b10 = Bench.Interleave(b.Smoke ? 1 : 5, b.Smoke ? 3 : 50, TimeSpan.FromSeconds(b.Smoke ? 20 : 180),
            () => Bench.Invoke(b.Runspace, $"Invoke-DockerContainer {b.Image} true -Remove -Label @{{ '{Bench.Label}' = 'b10' }}"),
            () => Bench.Run(b.Cli, $"-H {b.Host} run --rm --label {Bench.Label}=b10 {b.Image} true"),
            () =>
            {
                var id = b.Raw.Json("POST", $"/{b.Api}/containers/create", body).Result.GetProperty("Id").GetString();
                // Wait from before the start, as the CLI does, so a quick exit and removal are not missed.
                var removed = b.Raw.Send("POST", $"/{b.Api}/containers/{id}/wait?condition=removed");
                b.Raw.Send("POST", $"/{b.Api}/containers/{id}/start").Wait();
                removed.Wait();
                return 0;
            });
        return new Row("B10", "run `true` with --rm to its end (`Invoke-DockerContainer -Remove`, `docker run --rm`, raw create+wait+start)", b10,
            "≤ 1.0× docker run --rm", b10.Ours.Median <= b10.Cli!.Median);
    }
}
