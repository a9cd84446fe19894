using System.Diagnostics;
using System.Runtime.Loader;

namespace DockerPS.Tests.Harness;

/// <summary>
/// The test engine (started by tests/env/up.sh), the built module, and a process environment that cannot reach
/// a developer's own engine or docker config.
/// </summary>
public static class TestEnvironment
{
    public static readonly string RepoRoot = FindRepoRoot();
    public static readonly string ModuleFolder = Path.Combine(RepoRoot, "out", "DockerPS");
    public static readonly string ModuleManifest = Path.Combine(ModuleFolder, "DockerPS.psd1");
    public static readonly string DockerHost;
    public static readonly string Image;

    /// <summary>A DOCKER_CONFIG of the suite's own, so a developer's contexts and config never leak in.</summary>
    public static readonly string DockerConfig = Directory.CreateTempSubdirectory("dockerps-config-").FullName;

    static TestEnvironment()
    {
        var env = ReadEnvFile();
        DockerHost = Environment.GetEnvironmentVariable("DOCKERPS_TEST_DOCKER_HOST") ?? env.GetValueOrDefault("DOCKERPS_TEST_DOCKER_HOST")
            ?? throw new InvalidOperationException("No test engine: run tests/env/up.sh (tests/run.sh does).");
        Image = Environment.GetEnvironmentVariable("DOCKERPS_TEST_IMAGE") ?? env.GetValueOrDefault("DOCKERPS_TEST_IMAGE") ?? "dockerps-test/busybox:latest";
        if (!File.Exists(ModuleManifest))
        {
            throw new InvalidOperationException($"{ModuleManifest} is missing: build the module first (dotnet build src/DockerPS).");
        }
        ResetEnvironment();
        // Load an older Microsoft.Extensions.Logging.Abstractions into the default context before any import:
        // the module must bring and use its own copy (see IsolationTests).
        ConflictingDependency = typeof(Microsoft.Extensions.Logging.ILogger).Assembly;
        Debug.Assert(AssemblyLoadContext.GetLoadContext(ConflictingDependency) == AssemblyLoadContext.Default);
    }

    public static System.Reflection.Assembly ConflictingDependency { get; }

    /// <summary>The docker variables as every test starts with them: the test engine via DOCKER_HOST, nothing else.</summary>
    public static void ResetEnvironment()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", DockerHost);
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", DockerConfig);
        foreach (var name in new[] { "DOCKER_CONTEXT", "DOCKER_API_VERSION", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DockerPS.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src", "DockerPS")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }

    /// <summary>A test-environment setting: the environment variable, else tests/env/up.sh's env.sh.</summary>
    public static string Setting(string name) => Environment.GetEnvironmentVariable(name) ?? ReadEnvFile().GetValueOrDefault(name)
        ?? throw new InvalidOperationException($"{name} is not set: run tests/env/up.sh (tests/run.sh does).");

    private static Dictionary<string, string> ReadEnvFile()
    {
        var file = Path.Combine(Environment.GetEnvironmentVariable("DOCKERPS_ENV") ?? "/tmp/dockerps-env", "env.sh");
        var values = new Dictionary<string, string>();
        if (File.Exists(file))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
                var eq = text.IndexOf('=');
                if (eq > 0)
                {
                    values[text[..eq]] = text[(eq + 1)..];
                }
            }
        }
        return values;
    }
}
