using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

internal static class Bench
{
    public const string Label = "dockerps.bench";

    /// <summary>Peak working-set growth up to which a streaming scenario counts as flat (B4's budget).</summary>
    public const double FlatMiB = 64;

    /// <summary>
    /// Runs the contenders in turn (A B C A B C …) so drift hits all alike: warm-up rounds first, then timed rounds
    /// until the count or the time budget runs out (at least one timed round). A contender returning a positive
    /// double reports its own sample in ms (B7 times only the import, not the runspace it needs).
    /// </summary>
    public static Result Interleave(int warmups, int iterations, TimeSpan budget, params Func<object>[] contenders)
    {
        for (var i = 0; i < warmups; i++)
        {
            foreach (var contender in contenders)
            {
                contender();
            }
        }
        var samples = contenders.Select(_ => new List<double>()).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations && (i == 0 || clock.Elapsed < budget); i++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var watch = Stopwatch.StartNew();
                var value = contenders[c]();
                samples[c].Add(value is double ms ? ms : watch.Elapsed.TotalMilliseconds);
            }
        }
        return new Result(new Samples(samples[0]), samples.Length > 1 ? new Samples(samples[1]) : null, samples.Length > 2 ? new Samples(samples[2]) : null);
    }

    public static List<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var output = ps.AddScript(script).Invoke().ToList();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"{script}: {string.Join("; ", ps.Streams.Error)}");
        }
        return output;
    }

    public static string Run(string file, string arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{file} {arguments}: {stderr}");
    }

    public static int Expect(int expected, int actual) =>
        actual == expected ? actual : throw new InvalidOperationException($"expected {expected} results, got {actual}");

    public static string FindManifest()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var manifest = Path.Combine(dir.FullName, "out", "DockerPS", "DockerPS.psd1");
            if (File.Exists(manifest))
            {
                return manifest;
            }
        }
        throw new FileNotFoundException("out/DockerPS/DockerPS.psd1 not found: build the module first (dotnet build src/DockerPS -c Release).");
    }

    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}
