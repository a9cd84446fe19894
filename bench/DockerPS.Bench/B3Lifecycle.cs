internal static class B3Lifecycle
{
    /// <summary>
    /// B3: create+start+stop+remove <paramref name="n"/> containers; one sample is the whole batch. `true` has exited
    /// before the stop (the engine answers 304), so it times our pipeline; `sleep 60` with a zero stop timeout times a
    /// real kill.
    /// </summary>
    public static Row Run(BenchContext b, int n, string[] command, int iterations)
    {
        var script = $"1..{n} | ForEach-Object {{ '{b.Image}' }} | New-DockerContainer -Command {string.Join(", ", command)} -Label @{{ '{Bench.Label}' = 'b3' }} | " +
                     "Start-DockerContainer -PassThru | Stop-DockerContainer -Timeout 0 -PassThru | Remove-DockerContainer -Confirm:$false";
        var b3 = Bench.Interleave(b.Smoke ? 0 : 1, iterations, TimeSpan.FromSeconds(b.Smoke ? 20 : 300),
            () => Bench.Invoke(b.Runspace, script),
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    var id = Bench.Run(b.Cli, $"-H {b.Host} create --label {Bench.Label}=b3 {b.Image} {string.Join(' ', command)}").Trim();
                    Bench.Run(b.Cli, $"-H {b.Host} start {id}");
                    Bench.Run(b.Cli, $"-H {b.Host} stop -t 0 {id}");
                    Bench.Run(b.Cli, $"-H {b.Host} rm {id}");
                }
                return 0;
            },
            () =>
            {
                for (var i = 0; i < n; i++)
                {
                    var id = b.Raw.Create(b.Api, b.Image, command, "b3").Result;
                    b.Raw.Send("POST", $"/{b.Api}/containers/{id}/start").Wait();
                    b.Raw.Send("POST", $"/{b.Api}/containers/{id}/stop?t=0").Wait();
                    b.Raw.Send("DELETE", $"/{b.Api}/containers/{id}").Wait();
                }
                return 0;
            });
        return new Row("B3", $"create+start+stop+remove {n} containers running `{string.Join(' ', command)}` (pipeline vs sequential raw vs CLI loop), per batch", b3,
            "≤ 1.2× raw (sequential); CLI loop stated", b3.Ours.Median <= 1.2 * b3.Raw!.Median);
    }
}
