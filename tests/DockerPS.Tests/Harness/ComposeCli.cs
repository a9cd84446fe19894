using System.Diagnostics;

namespace DockerPS.Tests.Harness;

/// <summary>
/// The real compose CLI (docker-compose 2.40, which tests/env/up.sh unpacks), run standalone in a folder: the reference
/// Import-DockerCompose is checked against and the other side of the deploy cross-checks.
/// </summary>
public static class ComposeCli
{
    public static readonly string Program = TestEnvironment.Setting("DOCKERPS_TEST_COMPOSE_CLI");

    /// <summary>
    /// Runs the CLI in <paramref name="folder"/> with only PATH, HOME, the <paramref name="environment"/> given and,
    /// unless that names one, the test engine as DOCKER_HOST; returns its exit code and output.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string folder, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Clear();
        foreach (var variable in new[] { "PATH", "HOME" })
        {
            start.Environment[variable] = Environment.GetEnvironmentVariable(variable);
        }
        start.Environment["DOCKER_HOST"] = TestEnvironment.DockerHost;
        start.Environment["DOCKER_CONFIG"] = TestEnvironment.DockerConfig;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker-compose {string.Join(' ', args)} did not finish in 180 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the CLI and returns its output; a failure throws with what it printed.</summary>
    public static string Check(string folder, params string[] args)
    {
        var (exitCode, stdout, stderr) = Run(folder, new Dictionary<string, string>(), args);
        return exitCode == 0 ? stdout : throw new InvalidOperationException($"docker-compose {string.Join(' ', args)} failed ({exitCode}): {stderr}");
    }
}
