using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The compose cross-check: for every fixture in tests/compose, the project ComposeLoader reads equals what the real
/// compose CLI's <c>config --format json</c> prints, or both refuse it (with the id the fixture's <c>error</c> file
/// names). A fixture is a folder of compose files; its <c>args</c> file holds the CLI's global options on its first
/// line (-f, -p, --profile, --env-file, --project-directory) and <c>env NAME=VALUE</c> lines for the environment both
/// run with (the CLI gets nothing else of this process's environment but PATH, HOME and the test engine).
/// </summary>
public sealed class ComposeConfigTests : IDisposable
{
    private readonly PowerShellSession _session = new();

    public void Dispose() => _session.Dispose();

    private static readonly string Root = Path.Combine(TestEnvironment.RepoRoot, "tests", "compose");

    public static TheoryData<string> Fixtures() => new(Directory.GetDirectories(Root).Select(Path.GetFileName).Order()!);

    private sealed record Fixture(string Directory, List<string> Args, Dictionary<string, string> Environment, string? Error)
    {
        public static Fixture Read(string name)
        {
            var directory = Path.Combine(Root, name);
            var argsFile = Path.Combine(directory, "args");
            var lines = File.Exists(argsFile) ? File.ReadAllLines(argsFile) : [];
            var args = lines.FirstOrDefault(l => !l.StartsWith("env ", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
            var environment = lines.Where(l => l.StartsWith("env ", StringComparison.Ordinal)).Select(l => l[4..].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var errorFile = Path.Combine(directory, "error");
            return new(directory, args, environment, File.Exists(errorFile) ? File.ReadAllText(errorFile).Trim() : null);
        }

        /// <summary>The fixture's CLI options as Import-DockerCompose's parameters, for splatting.</summary>
        public Hashtable Parameters()
        {
            var parameters = new Hashtable();
            void Add(string name, string value) => parameters[name] = parameters[name] is string[] old ? [.. old, value] : new[] { value };
            for (var i = 0; i < Args.Count; i += 2)
            {
                var value = Args[i + 1];
                switch (Args[i])
                {
                    case "-f": Add("Path", value); break;
                    case "-p": parameters["ProjectName"] = value; break;
                    case "--profile": Add("Profile", value); break;
                    case "--env-file": Add("EnvFile", value); break;
                    case "--project-directory": parameters["ProjectDirectory"] = value; break;
                    default: throw new InvalidOperationException($"{Directory}/args: unknown option {Args[i]}");
                }
            }
            return parameters;
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ReadsAsTheComposeCliDoes(string name)
    {
        var fixture = Fixture.Read(name);
        var (exitCode, stdout, stderr) = ComposeCli.Run(fixture.Directory, fixture.Environment, [.. fixture.Args, "config", "--format", "json"]);
        var result = _session.Run("""
            $null = $ExecutionContext.SessionState.Path.SetLocation($Directory)
            foreach ($name in $Environment.Keys) { [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
            try { Import-DockerCompose @Parameters | ForEach-Object ToJson }
            finally { foreach ($name in $Environment.Keys) { [Environment]::SetEnvironmentVariable($name, $null) } }
            """, new Hashtable { ["Directory"] = fixture.Directory, ["Environment"] = new Hashtable(fixture.Environment), ["Parameters"] = fixture.Parameters() });
        if (fixture.Error is { } error)
        {
            Assert.True(exitCode != 0, $"the compose CLI accepted the fixture: {stdout}");
            var failure = Assert.Single(result.Errors);
            Assert.StartsWith(error + ",", failure.FullyQualifiedErrorId);
            Assert.Matches(@"\.ya?ml:\d+: |\.env|does not exist|No compose file", failure.Exception.Message);
            return;
        }
        Assert.True(exitCode == 0, $"compose config failed: {stderr}");
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Select(e => e.ToString())));
        var expected = Comparable(JsonNode.Parse(stdout));
        var actual = Comparable(JsonNode.Parse(Assert.Single(result.Output).BaseObject.ToString()!));
        Assert.Equal(expected?.ToJsonString(Indented), actual?.ToJsonString(Indented));
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// JSON with what Go's encoding adds or leaves out set aside (nulls, false, empty objects and lists), keys sorted
    /// and scalars as text, so that <c>1.5</c> and <c>"1.5"</c>, or a missing <c>"ipam": {}</c>, are no difference.
    /// </summary>
    private static JsonNode? Comparable(JsonNode? node) => node switch
    {
        // Extension keys (x-…) are for tools that read the file; the project DockerPS reads leaves them out.
        JsonObject o => Empty(new JsonObject(o.Where(p => !p.Key.StartsWith("x-", StringComparison.Ordinal) && Comparable(p.Value) is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Comparable(p.Value))))),
        JsonArray a => Empty(new JsonArray(a.Select(Comparable).ToArray())),
        JsonValue v when v.GetValueKind() == JsonValueKind.False => null,
        JsonValue v => JsonValue.Create(v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>().ToString(CultureInfo.InvariantCulture) : v.ToString()),
        _ => null,
    };

    private static JsonNode? Empty(JsonNode node) => node is JsonObject { Count: 0 } or JsonArray { Count: 0 } ? null : node;
}
