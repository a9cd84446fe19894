internal static class B9Exec
{
    /// <summary>
    /// B9: one exec of `true` in a running container, waited for: `Invoke-DockerExec`, `docker exec`, and the raw floor
    /// (create the exec, start it attached and read its stream to the end).
    /// </summary>
    public static async Task<Row> Run(BenchContext b)
    {
        var container = await b.Raw.Create(b.Api, b.Image, ["sleep", "3600"], "b9");
        await b.Raw.Send("POST", $"/{b.Api}/containers/{container}/start");
        var b9 = Bench.Interleave(b.Smoke ? 2 : 10, b.Smoke ? 5 : 100, TimeSpan.FromSeconds(b.Smoke ? 10 : 120),
            () => Bench.Invoke(b.Runspace, $"Invoke-DockerExec {container} true"),
            () => Bench.Run(b.Cli, $"-H {b.Host} exec {container} true"),
            () => { b.Raw.Exec(b.Api, container, ["true"]).Wait(); return 0; });
        return new Row("B9", "exec `true` in a running container and wait for it (`Invoke-DockerExec`, `docker exec`, raw create+start)", b9,
            "≤ 1.2× raw; faster than docker exec", b9.Ours.Median <= 1.2 * b9.Raw!.Median && b9.Ours.Median < b9.Cli!.Median);
    }
}
