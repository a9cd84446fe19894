using System.Runtime.Loader;

namespace DockerPS.Tests.Harness;

/// <summary>
/// The test engines (started by tests/env/up.sh), the built module, and a process environment that cannot reach
/// a developer's own engine or docker config. The suite runs once per leg (DOCKERPS_TEST_LEG, <c>main</c> unless set;
/// tests/legs.psd1 lists them): the leg file <c>$DOCKERPS_ENV/legs/&lt;leg&gt;.env</c> holds the variables the module
/// sees (DOCKER_HOST, TLS variables, HOME) and the harness's own settings for the engine under test (DOCKERPS_TEST_*:
/// the socket the docker CLI checks with, its TLS address, the image), which win over env.sh's.
/// </summary>
public static class TestEnvironment
{
    /// <summary>The trait of test classes that run on every leg (tests/legs.psd1 filters on it); the others run on main only.</summary>
    public const string LegsTrait = "Legs";
    public const string AllLegs = "all";

    public static readonly string RepoRoot = FindRepoRoot();
    public static readonly string ModuleFolder = Path.Combine(RepoRoot, "out", "DockerPS");
    public static readonly string ModuleManifest = Path.Combine(ModuleFolder, "DockerPS.psd1");
    public static readonly string EnvDirectory = Environment.GetEnvironmentVariable("DOCKERPS_ENV") ?? "/tmp/dockerps-env";

    /// <summary>The leg this run tests: the name of a leg file.</summary>
    public static readonly string Leg = Environment.GetEnvironmentVariable("DOCKERPS_TEST_LEG") is { Length: > 0 } leg ? leg : "main";

    /// <summary>What tests/env/up.sh wrote to env.sh.</summary>
    private static readonly Dictionary<string, string> EnvFile = ReadEnvFile(Path.Combine(EnvDirectory, "env.sh"));

    /// <summary>The leg file's harness settings (DOCKERPS_TEST_*): they name the engine under test, whatever else is set.</summary>
    private static readonly Dictionary<string, string> LegSettings = [];

    /// <summary>The variables the module sees on this leg.</summary>
    public static readonly IReadOnlyDictionary<string, string> LegVariables;

    /// <summary>The engine under test's unix socket: what <see cref="DockerCli"/> talks to.</summary>
    public static readonly string DockerHost;
    public static readonly string Image;

    /// <summary>The DOCKER_HOST the module uses on this leg.</summary>
    public static string ModuleDockerHost => LegVariables.GetValueOrDefault("DOCKER_HOST", DockerHost);

    /// <summary>The TLS material up.sh made (tls/client, tls/rogue-client, tls/untrusted, tls/server).</summary>
    public static string TlsDirectory => Path.Combine(EnvDirectory, "tls");

    /// <summary>The TLS address of the engine under test (tcp://127.0.0.1:port).</summary>
    public static string TlsHost => Setting("DOCKERPS_TEST_TLS_HOST");

    /// <summary>The test swarm's nodes (tests/env/swarm.sh), the manager's socket first, then the two workers'.</summary>
    public static IReadOnlyList<string> SwarmHosts => Setting("DOCKERPS_TEST_SWARM_HOSTS").Split(',');

    /// <summary>A DOCKER_CONFIG of the suite's own, so a developer's contexts and config never leak in.</summary>
    public static readonly string DockerConfig = Directory.CreateTempSubdirectory("dockerps-config-").FullName;

    private const string HarnessPrefix = "DOCKERPS_TEST_";

    static TestEnvironment()
    {
        var legFile = ReadEnvFile(Path.Combine(EnvDirectory, "legs", Leg + ".env"));
        foreach (var (name, value) in legFile.Where(v => v.Key.StartsWith(HarnessPrefix, StringComparison.Ordinal)))
        {
            LegSettings[name] = value;
        }
        LegVariables = legFile.Where(v => !v.Key.StartsWith(HarnessPrefix, StringComparison.Ordinal)).ToDictionary();
        DockerHost = Setting("DOCKERPS_TEST_DOCKER_HOST");
        Image = SettingOrNull("DOCKERPS_TEST_IMAGE") ?? "dockerps-test/busybox:latest";
        if (!File.Exists(ModuleManifest))
        {
            throw new InvalidOperationException($"{ModuleManifest} is missing: build the module first (dotnet build src/DockerPS).");
        }
        ResetEnvironment();
        // Another module's dependencies, older than ours, in the default context before any import (see IsolationTests).
        OtherModuleAssemblies = new[] { "Microsoft.Extensions.Logging.Abstractions.dll", "BouncyCastle.Cryptography.dll", "Renci.SshNet.dll" }
            .Select(file => AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "OtherModule", file)))
            .ToArray();
    }

    /// <summary>Microsoft.Extensions.Logging.Abstractions 6.0.0, BouncyCastle 2.4.0 and SSH.NET 2026.0.0, as another module would have loaded them.</summary>
    public static IReadOnlyList<System.Reflection.Assembly> OtherModuleAssemblies { get; }

    /// <summary>The docker variables as every test starts with them: the test engine via the leg's DOCKER_HOST (and its TLS variables), nothing else; no ssh-agent.</summary>
    public static void ResetEnvironment()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", DockerHost);
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", DockerConfig);
        foreach (var name in new[] { "DOCKER_CONTEXT", "DOCKER_API_VERSION", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "SSH_AUTH_SOCK", "DOCKERPS_ENGINE_TIMEOUT" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        foreach (var (name, value) in LegVariables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>
    /// Clears the leg's TLS variables until disposed, for a test that points -DockerHost at a plain local server (a
    /// <see cref="FakeEngine"/>): with DOCKER_TLS_VERIFY set, any tcp:// host is dialled with TLS, as by the docker CLI.
    /// </summary>
    public static IDisposable WithoutTls()
    {
        Environment.SetEnvironmentVariable("DOCKER_TLS_VERIFY", null);
        Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", null);
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => ResetEnvironment();
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

    /// <summary>A test-environment setting: the leg file's, else the environment variable, else tests/env/up.sh's env.sh.</summary>
    public static string Setting(string name) => SettingOrNull(name)
        ?? throw new InvalidOperationException($"{name} is not set: run tests/env/up.sh (tests/run.sh does).");

    public static string? SettingOrNull(string name) =>
        LegSettings.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name) ?? EnvFile.GetValueOrDefault(name);

    private static Dictionary<string, string> ReadEnvFile(string file)
    {
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
        else if (file.EndsWith(".env", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"No leg file {file} for DOCKERPS_TEST_LEG={Leg}: run tests/env/up.sh.");
        }
        return values;
    }
}
