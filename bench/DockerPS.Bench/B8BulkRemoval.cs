using System.Diagnostics;

internal static class B8BulkRemoval
{
    /// <summary>
    /// B8: removing <paramref name="n"/> created containers: DockerPS fed them through the pipeline (its default
    /// -ThrottleLimit), one `docker rm` of all of them (the CLI removes concurrently), and sequential raw DELETEs over the
    /// kept-alive connection. Each contender times only its removal; the containers are made before, untimed.
    /// </summary>
    public static Row Run(BenchContext b, int n)
    {
        string[] Make()
        {
            var ids = new string[n];
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => ids[i] = b.Raw.Create(b.Api, b.Image, ["true"], "b8").Result);
            return ids;
        }
        double Timed(Action<string[]> remove)
        {
            var ids = Make();
            var watch = Stopwatch.StartNew();
            remove(ids);
            return watch.Elapsed.TotalMilliseconds;
        }
        var result = Bench.Interleave(b.Smoke ? 0 : 1, b.Smoke ? 1 : 3, TimeSpan.FromSeconds(b.Smoke ? 30 : 400),
            () => Timed(ids =>
            {
                b.Runspace.SessionStateProxy.SetVariable("b8", ids);
                Bench.Invoke(b.Runspace, "$b8 | Remove-DockerContainer -Confirm:$false");
            }),
            () => Timed(ids => Bench.Run(b.Cli, $"-H {b.Host} rm {string.Join(' ', ids)}")),
            () => Timed(ids =>
            {
                foreach (var id in ids)
                {
                    b.Raw.Send("DELETE", $"/{b.Api}/containers/{id}").Wait();
                }
            }));
        return new Row("B8", $"remove {n} containers (pipeline vs sequential raw DELETEs vs one `docker rm` of all)", result,
            "≤ 1.0× CLI and ≤ 0.7× raw", result.Ours.Median <= result.Cli!.Median && result.Ours.Median <= 0.7 * result.Raw!.Median);
    }
}
