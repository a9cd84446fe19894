using System.Globalization;

internal static class B12FanOut
{
    private const int PerEngine = 25;

    /// <summary>
    /// B12: listing many engines at once. bench/engines.sh starts private engines e1..eN (25 created containers each) with a
    /// docker context per engine over its unix socket (eN) and over ssh (sN), and stops them at the end, even on failure.
    /// Per N and transport: `Get-DockerContainer -Context` of N contexts, a loop of `docker --context … ps -a`, and N raw
    /// GETs in parallel, one kept-alive client per engine (over ssh: through an `ssh -L` forward of each socket). The floor
    /// is issue 22's: max(one engine, N × one engine ÷ cores), one engine being DockerPS's own time for N = 1.
    /// </summary>
    public static async Task<IReadOnlyList<Row>> Run(BenchContext b, int[] counts)
    {
        var script = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(b.Manifest)!, "..", "..", "bench", "engines.sh"));
        var dir = Environment.GetEnvironmentVariable("DOCKERPS_FANOUT") ?? "/tmp/dockerps-fanout";
        var engines = counts.Max();
        var overUnix = Enumerable.Range(1, engines).Select(i => new RawClient($"{dir}/e{i}/docker.sock")).ToArray();
        var overSsh = Enumerable.Range(1, engines).Select(i => new RawClient($"{dir}/ssh/e{i}.sock")).ToArray();
        var (config, home) = (Environment.GetEnvironmentVariable("DOCKER_CONFIG"), Environment.GetEnvironmentVariable("HOME"));
        try
        {
            Bench.Run("/bin/bash", $"{script} start {engines}");
            await Task.WhenAll(overUnix.Select(async raw =>
            {
                for (var i = 0; i < PerEngine; i++)
                {
                    await raw.Create(b.Api, b.Image, ["true"], "b12");
                }
            }));
            // The contexts, and the client HOME whose ~/.ssh has the aliases, key and known_hosts (DockerPS reads $HOME).
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", $"{dir}/config");
            Environment.SetEnvironmentVariable("HOME", $"{dir}/ssh/home");
            (string, string)[] cli = [("DOCKER_CONFIG", $"{dir}/config"), ("PATH", $"{dir}/ssh/bin:{Environment.GetEnvironmentVariable("PATH")}")];
            return [.. Curve(b, counts, "unix socket", "e", overUnix, cli), .. Curve(b, counts, "ssh", "s", overSsh, cli)];
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", config);
            Environment.SetEnvironmentVariable("HOME", home);
            foreach (var raw in overUnix.Concat(overSsh))
            {
                raw.Dispose();
            }
            Bench.Run("/bin/bash", $"{script} stop");
        }
    }

    private static IEnumerable<Row> Curve(BenchContext b, int[] counts, string transport, string prefix, RawClient[] raws, (string, string)[] cli)
    {
        var ssh = prefix == "s";
        double? one = null;
        foreach (var n in counts)
        {
            var contexts = Enumerable.Range(1, n).Select(i => prefix + i).ToArray();
            var result = Bench.Interleave(b.Smoke ? 1 : ssh ? 2 : 5, b.Smoke ? 3 : ssh ? 15 : 40, TimeSpan.FromSeconds(b.Smoke ? 10 : ssh ? 25 : 15),
                () => Bench.Expect(PerEngine * n, Bench.Invoke(b.Runspace, $"Get-DockerContainer -Context {string.Join(',', contexts)}").Count),
                () => Bench.Expect((PerEngine + 1) * n, contexts.Sum(c => Bench.Run(b.Cli, $"--context {c} ps -a", cli).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length)),
                () => Bench.Expect(PerEngine * n, Task.WhenAll(raws.Take(n).Select(raw => raw.Json("GET", $"/{b.Api}/containers/json?all=1"))).Result.Sum(list => list.GetArrayLength())));
            one ??= result.Ours.Median;
            var floor = Math.Max(one.Value, n * one.Value / Environment.ProcessorCount);
            var ratio = result.Ours.Median / floor;
            yield return new Row("B12",
                $"fan-out over {n} engine{(n > 1 ? "s" : "")} ({PerEngine} containers each), {transport}: `Get-DockerContainer -Context` ×{n}, a `docker --context` loop, " +
                $"{n} raw GET{(n > 1 ? "s" : "")} in parallel; floor {Samples.Format(floor)}, DockerPS {ratio.ToString("F2", CultureInfo.InvariantCulture)}× floor",
                result, "≤ 1.25× floor (max(one engine, N × one engine ÷ cores))", ratio <= 1.25);
        }
    }
}
