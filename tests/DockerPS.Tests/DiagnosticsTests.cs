using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>What DockerPS says when asked (-Debug) and when something is wrong, against the real engine.</summary>
[Collection(EngineCollection.Name)]
public sealed class DiagnosticsTests(EngineFixture fixture) : IDisposable
{
    private readonly PowerShellSession _ps = fixture.Session;

    public void Dispose() => TestEnvironment.ResetEnvironment();

    private static string[] DebugLines(RunResult result) => result.Debug.Select(d => d.Message).ToArray();

    [Fact]
    public void DebugShowsEachEngineCallWithoutAPrompt()
    {
        // The harness host cannot answer a prompt: -Debug alone makes PowerShell ask before each verbose line of a
        // compiled cmdlet, so the engine line must come as debug output.
        var result = _ps.Run($"Get-DockerContainer {fixture.RunningName} -Debug");

        Assert.Empty(result.Errors);
        Assert.Equal(fixture.RunningName, Assert.Single(result.Property("Name")));
        Assert.Empty(result.Verbose);
        var lines = DebugLines(result);
        Assert.Contains($"Docker engine {TestEnvironment.ModuleDockerHost} (DOCKER_HOST).", lines);
        Assert.Contains(lines, line => Regex.IsMatch(line,
            $@"^{Regex.Escape(TestEnvironment.ModuleDockerHost)} GET /v1\.\d+/containers/json\?all=1 -> 200 OK in \d+\.\d ms$"));
    }

    [Fact]
    public void DebugPreferenceShowsTheCallsAndAFailedCallShowsItsStatus()
    {
        var result = _ps.Run($"$DebugPreference = 'Continue'; Start-DockerContainer nosuch-{fixture.RunId}; $DebugPreference = 'SilentlyContinue'");

        Assert.Equal("ContainerNotFound,DockerPS.Commands.StartDockerContainerCommand", Assert.Single(result.ErrorIds));
        Assert.Contains(DebugLines(result), line => Regex.IsMatch(line, $@" POST /v1\.\d+/containers/nosuch-{fixture.RunId}/start -> 404 Not Found in \d+\.\d ms$"));
    }

    [Fact]
    public void DebugLeavesOutTheCallsOfACmdletRunInsideItsPipeline()
    {
        var result = _ps.Run($"Get-DockerVersion | Out-Null; Get-DockerContainer {fixture.RunningName} -Debug | ForEach-Object {{ Get-DockerImage | Out-Null; Get-DockerVersion | Out-Null }}");

        Assert.Empty(result.Errors);
        var calls = DebugLines(result).Where(line => line.Contains(" -> ", StringComparison.Ordinal)).ToArray();
        Assert.Contains("/containers/json", Assert.Single(calls));
    }

    [Fact]
    public void AMissingUnixSocketSaysTheFileDoesNotExistAndIsTheTarget()
    {
        var socket = $"/tmp/dockerps-missing-{fixture.RunId}.sock";

        var error = Assert.Single(_ps.Run($"Stop-DockerContainer {fixture.RunningName} -DockerHost unix://{socket}").Errors);

        Assert.Equal("EngineUnreachable,DockerPS.Commands.StopDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"Cannot connect to the Docker engine at unix://{socket} (parameter -DockerHost): the socket file {socket} does not exist", error.Exception.Message);
        Assert.Equal($"unix://{socket}", error.TargetObject);
    }

    [Fact]
    public void AnUnreachableTcpEngineIsTheTargetAndKeepsTheSocketError()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var endpoint = $"tcp://127.0.0.1:{((System.Net.IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        Environment.SetEnvironmentVariable("DOCKER_HOST", endpoint);

        var error = Assert.Single(_ps.Run("Get-DockerImage").Errors);

        Assert.Equal("EngineUnreachable,DockerPS.Commands.GetDockerImageCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"Cannot connect to the Docker engine at {endpoint} (DOCKER_HOST): Connection refused", error.Exception.Message);
        Assert.Equal(endpoint, error.TargetObject);
    }

    [Fact]
    public void AMemorySizeBeyondRangeSaysSoBeforeAnyEngineCall()
    {
        var name = $"dps-memory-{fixture.RunId}";

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} -Memory 99999999999g -Debug");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidMemory,DockerPS.Commands.NewDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal("'99999999999g' is too large: a size is at most 9223372036854775807 bytes (just under 8192p).", error.Exception.Message);
        Assert.Equal("99999999999g", error.TargetObject);
        Assert.DoesNotContain(result.Debug, d => d.Message.Contains(" -> ", StringComparison.Ordinal));
        Assert.Empty(DockerCli.Lines("ps", "-aq", "--filter", $"name=^{name}$"));
    }

    [Theory]
    [InlineData("1.10", "Get-DockerContainer", "GetDockerContainerCommand")]
    [InlineData("1.10", "Get-DockerImage -Dangling", "GetDockerImageCommand")]
    [InlineData("1.10", "New-DockerContainer $image", "NewDockerContainerCommand")]
    [InlineData("1.10", "Stop-DockerContainer $running", "StopDockerContainerCommand")]
    [InlineData("1.99", "Get-DockerVersion", "GetDockerVersionCommand")]
    [InlineData("1.99", "Get-DockerNetwork", "GetDockerNetworkCommand")]
    public void AnApiVersionTheEngineRefusesIsApiVersionNotSupportedOnEveryCmdlet(string pinned, string command, string cmdlet)
    {
        // 1.10 is below every test engine's minimum (1.12 for Docker 20.10, 1.24 for Docker 28) and 1.99 above every
        // maximum; the docker CLI agrees that these are refused.
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", pinned);
        var cli = Assert.Throws<InvalidOperationException>(() =>
            DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_API_VERSION"] = pinned }, "version", "--format", "{{.Server.APIVersion}}"));

        var error = Assert.Single(_ps.Run(command.Replace("$image", TestEnvironment.Image).Replace("$running", fixture.RunningName)).Errors);

        Assert.Contains($"client version {pinned} is too", cli.Message);
        Assert.Equal($"ApiVersionNotSupported,DockerPS.Commands.{cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
        var range = DockerCli.Run("version", "--format", "{{.Server.MinAPIVersion}} to {{.Server.APIVersion}}").Trim();
        Assert.Equal($"DOCKER_API_VERSION={pinned} is not an API version the Docker engine at {TestEnvironment.ModuleDockerHost} (DOCKER_HOST) accepts: it takes {range}.",
            error.Exception.Message);
    }

    /// <summary>A DOCKER_CONFIG of the test's own whose config.json holds <paramref name="text"/>.</summary>
    private static string BrokenConfig(string text)
    {
        var directory = Directory.CreateTempSubdirectory("dockerps-broken-config-").FullName;
        File.WriteAllText(Path.Combine(directory, "config.json"), text);
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", directory);
        return directory;
    }

    [Fact]
    public void AConfigThatCannotBeReadIsIgnoredWithAWarningAlsoWithDockerHost()
    {
        var directory = BrokenConfig("{bad");
        try
        {
            var result = _ps.Run($"Get-DockerContainer {fixture.RunningName}; Get-DockerVersion");
            // The docker CLI goes on too (it warns on stderr).
            var cli = DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_CONFIG"] = directory }, "ps", "--filter", $"name={fixture.RunningName}", "--format", "{{.Names}}");

            Assert.Equal(fixture.RunningName, cli.Trim());
            Assert.Empty(result.Errors);
            Assert.Equal(2, result.Output.Count);
            // Each command says so, as each docker command does.
            Assert.Equal(2, result.Warnings.Count);
            Assert.All(result.Warnings, w => Assert.Matches(
                $@"^Cannot read docker configuration {Regex.Escape(Path.Combine(directory, "config.json"))}: .+ It is ignored, as the docker CLI ignores it\.$", w.Message));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AConfigThatCannotBeReadLeavesTheDefaultContextCurrentAndIsNotOverwritten()
    {
        var directory = BrokenConfig("""["currentContext"]""");
        try
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", null);
            var cli = DockerCli.WithConfig(directory, "context", "ls", "--format", "{{.Name}} {{.Current}}");

            var listed = _ps.Run("Get-DockerContext");
            var use = _ps.Run("Use-DockerContext default");

            Assert.Equal("default true", cli.Trim());
            Assert.Empty(listed.Errors);
            Assert.Equal([("default", true)], listed.Output.Select(c => ((string)c.Properties["Name"].Value, (bool)c.Properties["Current"].Value)));
            Assert.Contains("It is ignored, as the docker CLI ignores it.", Assert.Single(listed.Warnings).Message);
            Assert.Equal("InvalidEndpoint,DockerPS.Commands.UseDockerContextCommand", Assert.Single(use.ErrorIds));
            Assert.Equal("""["currentContext"]""", File.ReadAllText(Path.Combine(directory, "config.json")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void TheCredentialsVerboseLineNamesConfigJsonOnlyWhenItHasThem()
    {
        var directory = Directory.CreateTempSubdirectory("dockerps-no-config-").FullName;
        var registry = TestRegistry.Http;
        var pull = $"Request-DockerImage {registry}/dps-test/nosuch-{fixture.RunId}:v1 -Verbose";
        try
        {
            Environment.SetEnvironmentVariable("DOCKER_CONFIG", directory);
            var without = _ps.Run(pull).Verbose.Select(v => v.Message).ToArray();
            var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{TestRegistry.User}:{TestRegistry.Password}"));
            File.WriteAllText(Path.Combine(directory, "config.json"),
                new JsonObject { ["auths"] = new JsonObject { [registry] = new JsonObject { ["auth"] = auth } } }.ToJsonString());
            var with = _ps.Run(pull).Verbose.Select(v => v.Message).ToArray();

            Assert.Contains($"No stored credentials for {registry}.", without);
            Assert.DoesNotContain(without, line => line.Contains("config.json", StringComparison.Ordinal));
            Assert.Contains($"Credentials for {registry} from {Path.Combine(directory, "config.json")}.", with);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The variables a process sees, from <c>env</c>'s output, the ones the tests set.</summary>
    private static string[] TestVariables(IEnumerable<string> envOutput) =>
        envOutput.SelectMany(text => text.Split('\n')).Where(line => line.StartsWith("DPS_ENV_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void EnvironmentTakesTheDockerFormsAndTheCallersValueAsDockerRunDoes()
    {
        // DPS_ENV_CALLER is set in the caller's environment, DPS_ENV_UNSET is not: docker run -e leaves it out.
        Environment.SetEnvironmentVariable("DPS_ENV_UNSET", null);
        var cli = DockerCli.WithEnvironment(new Dictionary<string, string> { ["DPS_ENV_CALLER"] = "from caller" },
            ["run", "--rm", .. fixture.LabelArgs, "-e", "DPS_ENV_A=1", "-e", "DPS_ENV_CALLER", "-e", "DPS_ENV_UNSET", "-e", "DPS_ENV_EMPTY=", "-e", "DPS_ENV_T=table",
            TestEnvironment.Image, "env"]);

        var result = _ps.Run(
            $"$env:DPS_ENV_CALLER = 'from caller'; " +
            $"Invoke-DockerContainer {TestEnvironment.Image} -Remove -Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}' }} " +
            "-Environment 'DPS_ENV_A=1', 'DPS_ENV_CALLER', 'DPS_ENV_UNSET', 'DPS_ENV_EMPTY=', @{ DPS_ENV_T = 'table' } -Command env; " +
            $"Invoke-DockerExec {fixture.RunningName} -Env DPS_ENV_A=1, DPS_ENV_CALLER, DPS_ENV_UNSET -- env; " +
            "$env:DPS_ENV_CALLER = $null");

        Assert.Empty(result.Errors);
        var expected = TestVariables([cli]);
        Assert.Equal(["DPS_ENV_A=1", "DPS_ENV_CALLER=from caller", "DPS_ENV_EMPTY=", "DPS_ENV_T=table"], expected);
        var lines = result.Output.Select(o => o.BaseObject.ToString()!).ToArray();
        // The container's variables as docker run's, then the exec's.
        Assert.Equal(expected.Concat(["DPS_ENV_A=1", "DPS_ENV_CALLER=from caller"]).Order(StringComparer.Ordinal), TestVariables(lines));
    }

    [Fact]
    public void AnEnvironmentEntryWithoutANameIsInvalidEnvironment()
    {
        var error = Assert.Single(_ps.Run($"New-DockerContainer {TestEnvironment.Image} -Environment 'A=1', '=x'").Errors);

        Assert.Equal("InvalidEnvironment,DockerPS.Commands.NewDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal("=x", error.TargetObject);
        Assert.Equal("'=x' is not NAME=value or NAME.", error.Exception.Message);
    }
}
