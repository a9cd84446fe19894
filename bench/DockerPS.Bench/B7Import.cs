using System.Diagnostics;
using System.Globalization;
using System.Management.Automation.Runspaces;

internal static class B7Import
{
    /// <summary>
    /// B7, warm: Import-Module in a fresh runspace of the already-warm engine; opening the runspace is not timed. The
    /// process's own first imports (<paramref name="coldImport"/>, after <paramref name="coldEmptyImport"/> for an empty
    /// module, which times PowerShell's own first-import cost) are reported beside it.
    /// </summary>
    public static Row WarmEngine(BenchContext b, TimeSpan coldImport, TimeSpan coldEmptyImport)
    {
        var b7 = Bench.Interleave(b.Smoke ? 1 : 3, b.Smoke ? 3 : 20, TimeSpan.FromSeconds(b.Smoke ? 10 : 60), () =>
        {
            using var fresh = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            fresh.Open();
            var watch = Stopwatch.StartNew();
            Bench.Invoke(fresh, $"Import-Module '{b.Manifest}' -ErrorAction Stop");
            return watch.Elapsed.TotalMilliseconds;
        });
        return new Row("B7", $"Import-Module, fresh runspace in a warm engine (first import in this process: {coldImport.TotalMilliseconds:F0} ms, after {coldEmptyImport.TotalMilliseconds:F0} ms for the first import of an empty module)", b7,
            "≤ 250 ms", b7.Ours.Median <= 250);
    }

    /// <summary>
    /// B7, cold: a new pwsh (the dotnet tool this checkout pins) imports the module and lists containers twice, timed
    /// inside pwsh (its own start-up is not ours); the figure is import + first call, the target the first call against
    /// the second. The CLI column is a new `docker ps -a` process, start-up included.
    /// </summary>
    public static Row NewPwsh(BenchContext b, int iterations)
    {
        var script = Path.Combine(Directory.CreateTempSubdirectory("dockerps-bench-").FullName, "FirstCall.ps1");
        File.WriteAllText(script, """
            $clock = [Diagnostics.Stopwatch]::StartNew()
            Import-Module $args[0] -ErrorAction Stop
            $import = $clock.Elapsed.TotalMilliseconds; $clock.Restart()
            $null = Get-DockerContainer
            $first = $clock.Elapsed.TotalMilliseconds; $clock.Restart()
            $null = Get-DockerContainer
            "$import $first $($clock.Elapsed.TotalMilliseconds)"
            """);
        var firstCalls = new List<double>();
        var warmCalls = new List<double>();
        var cold = Bench.Interleave(0, iterations, TimeSpan.FromSeconds(120),
            () =>
            {
                var ms = Bench.Run("dotnet", $"pwsh -NoProfile -NonInteractive -File {script} {b.Manifest}")
                    .Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
                firstCalls.Add(ms[1]);
                warmCalls.Add(ms[2]);
                return ms[0] + ms[1];
            },
            () => Bench.Run(b.Cli, $"-H {b.Host} ps -a"));
        Directory.Delete(Path.GetDirectoryName(script)!, recursive: true);
        var (first, warm) = (new Samples(firstCalls), new Samples(warmCalls));
        return new Row("B7", $"Import-Module + first Get-DockerContainer in a new pwsh (first call alone {first}, the second {warm}; median / p90)",
            cold, "first call ≤ second + 100 ms", first.Median <= warm.Median + 100);
    }
}
