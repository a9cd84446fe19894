using System.Diagnostics;

namespace DockerPS.Tests.Harness;

/// <summary>The docker CLI against the test engine: the reference our cmdlets are compared with, and test setup.</summary>
public static class DockerCli
{
    public static string Run(params string[] args) => Run(TestEnvironment.DockerConfig, useHost: true, args);

    /// <summary>
    /// The docker CLI with extra environment variables, e.g. DOCKER_BUILDKIT=0 for the classic builder: against the test
    /// engine's socket, or the DOCKER_HOST they give.
    /// </summary>
    public static string WithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(TestEnvironment.DockerConfig, useHost: !environment.ContainsKey("DOCKER_HOST"), args, environment);

    /// <summary>The docker CLI with a configuration directory of its own and no -H: its contexts and config.json decide, as for a user.</summary>
    public static string WithConfig(string configDirectory, params string[] args) => Run(configDirectory, useHost: false, args);

    private static string Run(string configDirectory, bool useHost, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (useHost)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(TestEnvironment.DockerHost);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The CLI must not pick up the suite's own DOCKER_* settings of the moment.
        start.Environment["DOCKER_CONFIG"] = configDirectory;
        start.Environment.Remove("DOCKER_CONTEXT");
        start.Environment.Remove("DOCKER_HOST");
        start.Environment.Remove("DOCKER_API_VERSION");
        start.Environment.Remove("DOCKER_TLS_VERIFY");
        start.Environment.Remove("DOCKER_TLS");
        start.Environment.Remove("DOCKER_CERT_PATH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', args)} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }
        return stdout.Result;
    }

    public static string[] Lines(params string[] args) =>
        Run(args).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
