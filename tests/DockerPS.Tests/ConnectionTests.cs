using System.Diagnostics;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Which engine a command reaches, and how it fails when it cannot.</summary>
[Collection(EngineCollection.Name)]
public sealed class ConnectionTests(EngineFixture fixture) : IDisposable
{
    private readonly PowerShellSession _ps = fixture.Session;

    public void Dispose() => TestEnvironment.ResetEnvironment();

    private static PSObject EngineOf(RunResult result) => PSObject.AsPSObject(Assert.Single(result.Output).Properties["Engine"].Value);

    private static string CreateContext(string name, string host)
    {
        DockerCli.Run("context", "rm", "-f", name);
        DockerCli.Run("context", "create", name, "--docker", $"host={host}");
        return name;
    }

    [Fact]
    public void UnreachableUnixSocketIsOneClearErrorNamingEndpointAndSource()
    {
        var socket = $"unix:///tmp/dockerps-missing-{fixture.RunId}.sock";
        var clock = Stopwatch.StartNew();

        var result = _ps.Run($"Get-DockerContainer -DockerHost {socket}");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.Equal("EngineUnreachable,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains(socket, error.Exception.Message);
        Assert.Contains("parameter -DockerHost", error.Exception.Message);
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void UnreachableTcpEngineFromDockerHostSaysSo()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Environment.SetEnvironmentVariable("DOCKER_HOST", $"tcp://127.0.0.1:{port}");

        var error = Assert.Single(_ps.Run("Get-DockerVersion").Errors);

        Assert.Equal("EngineUnreachable,DockerPS.Commands.GetDockerVersionCommand", error.FullyQualifiedErrorId);
        Assert.Contains($"tcp://127.0.0.1:{port}", error.Exception.Message);
        Assert.Contains("DOCKER_HOST", error.Exception.Message);
    }

    [Fact]
    public void EngineThatNeverAnswersTimesOutInsteadOfHanging()
    {
        using var fake = FakeEngine.Silent();
        var clock = Stopwatch.StartNew();

        var error = Assert.Single(_ps.Run($"Get-DockerContainer -DockerHost {fake.Endpoint}").Errors);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Equal("EngineTimeout,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains(fake.Endpoint, error.Exception.Message);
    }

    [Theory]
    [InlineData("-EngineTimeoutSeconds 1", null)]
    [InlineData("", "1")]
    public void AnEngineTimeoutBoundsAFrozenEngine(string parameter, string? variable)
    {
        // Without one, the version probe's own 10 s bound applies (see above); with one, each request gets that long.
        using var fake = FakeEngine.Silent();
        Environment.SetEnvironmentVariable("DOCKERPS_ENGINE_TIMEOUT", variable);
        var clock = Stopwatch.StartNew();

        var error = Assert.Single(_ps.Run($"Get-DockerContainer -DockerHost {fake.Endpoint} {parameter}").Errors);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        Assert.Equal("EngineTimeout,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Contains("/version within 1 s", error.Exception.Message);
        Assert.Contains(fake.Endpoint, error.Exception.Message);
    }

    [Fact]
    public void AnEngineTimeoutThatIsNotANumberStopsTheCmdlet()
    {
        Environment.SetEnvironmentVariable("DOCKERPS_ENGINE_TIMEOUT", "soon");

        var result = _ps.Run($"Get-DockerContainer -Name {fixture.RunningName}");

        Assert.Equal(["InvalidEngineTimeout,DockerPS.Commands.GetDockerContainerCommand"], result.ErrorIds);
        Assert.Empty(result.Output);
        // The parameter wins over the variable.
        Assert.Single(_ps.Run($"Get-DockerContainer -Name {fixture.RunningName} -EngineTimeoutSeconds 30").Output);
    }

    [Fact]
    public void StopProcessingCancelsAnEngineCallInFlight()
    {
        using var fake = FakeEngine.Silent();
        var clock = Stopwatch.StartNew();

        var result = _ps.Run($"Get-DockerContainer -DockerHost {fake.Endpoint}", whileRunning: ps =>
        {
            SpinWait.SpinUntil(() => fake.Paths.Count > 0, TimeSpan.FromSeconds(5));
            ps.Stop();
        });

        // The engine would only time out after 10 s; Ctrl+C must not wait for that.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
    }

    [Fact]
    public void VerboseSaysWhichEngineAndWhy()
    {
        var result = _ps.Run($"Get-DockerVersion -Verbose; Get-DockerContainer -Name {fixture.RunningName} -DockerHost {TestEnvironment.DockerHost} | Get-DockerVersion -Verbose");

        Assert.Equal(
            new[] { $"Docker engine {TestEnvironment.DockerHost} (DOCKER_HOST).", $"Docker engine {TestEnvironment.DockerHost} (parameter -DockerHost)." },
            result.Verbose.Select(v => v.Message));
    }

    [Fact]
    public void OneCachedConnectionServesManyRunspacesAtOnce()
    {
        // 8 runspaces x 25 calls on one endpoint, concurrently: every call answers, none fails.
        var sessions = Enumerable.Range(0, 8).Select(_ => new PowerShellSession()).ToArray();
        try
        {
            var results = sessions.AsParallel().WithDegreeOfParallelism(8)
                .Select(s => s.Run($"1..25 | ForEach-Object {{ Get-DockerContainer -Name {fixture.RunningName} }}"))
                .ToArray();

            Assert.All(results, r => Assert.Empty(r.Errors));
            Assert.All(results, r => Assert.Equal(Enumerable.Repeat(fixture.RunningName, 25), r.Property("Name")));
        }
        finally
        {
            Array.ForEach(sessions, s => s.Dispose());
        }
    }

    [Fact]
    public void NegotiatesDownToWhatANewerEngineAccepts()
    {
        // A Docker 29 engine: API 1.44 to 1.52. Hard-coding 1.41 would be refused there.
        using var fake = FakeEngine.Answering("1.52", "1.44");

        var result = _ps.Run($"Get-DockerContainer -DockerHost {fake.Endpoint}");

        Assert.Empty(result.Errors);
        Assert.Equal("/version", fake.Paths[0]);
        Assert.StartsWith("/v1.52/containers/json", fake.Paths[1]);
    }

    [Fact]
    public void ADocker29StyleEngineRefusesAVersionBelowItsMinimumAndNegotiationStaysAboveIt()
    {
        // Docker 29 answers only API 1.44 and later: a version pinned below that is refused, naming the engine's range,
        // before any versioned call.
        using var fake = FakeEngine.Answering("1.52", "1.44");
        using var _ = TestEnvironment.WithoutTls();

        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", "1.41");
        var pinned = _ps.Run($"Get-DockerContainer -DockerHost {fake.Endpoint}");
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", null);
        var negotiated = _ps.Run($"Get-DockerVersion -DockerHost {fake.Endpoint}");

        var error = Assert.Single(pinned.Errors);
        Assert.Equal("ApiVersionNotSupported,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Contains("DOCKER_API_VERSION=1.41 is not an API version", error.Exception.Message);
        Assert.Contains("1.44", error.Exception.Message);
        Assert.Empty(negotiated.Errors);
        Assert.Equal("1.52", Assert.Single(negotiated.Output).Properties["NegotiatedApiVersion"].Value);
        Assert.Equal(["/version", "/version", "/v1.52/version"], fake.Paths.Select(p => p.Split('?')[0]));
    }

    [Fact]
    public void NeverSpeaksNewerThanItsOwnMaximum()
    {
        using var fake = FakeEngine.Answering("1.60", "1.24");

        var result = _ps.Run($"Get-DockerVersion -DockerHost {fake.Endpoint}");

        Assert.Equal("1.54", Assert.Single(result.Output).Properties["NegotiatedApiVersion"].Value);
        Assert.StartsWith("/v1.54/version", fake.Paths[1]);
    }

    [Fact]
    public void EngineThatRequiresANewerApiIsRefusedClearly()
    {
        using var fake = FakeEngine.Answering("1.70", "1.60");

        var error = Assert.Single(_ps.Run($"Get-DockerContainer -DockerHost {fake.Endpoint}").Errors);

        Assert.Equal("ApiVersionNotSupported,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Contains("1.60", error.Exception.Message);
    }

    [Fact]
    public void DockerApiVersionPinsTheVersion()
    {
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", "1.40");

        var version = Assert.Single(_ps.Run("Get-DockerVersion").Output);

        Assert.Equal("1.40", version.Properties["NegotiatedApiVersion"].Value);
        Assert.NotEmpty(_ps.Run("Get-DockerContainer").Output);
    }

    [Fact]
    public void ContextParameterUsesTheCliContextStore()
    {
        var context = CreateContext($"dps-ctx-{fixture.RunId}", TestEnvironment.DockerHost);
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);

        var engine = EngineOf(_ps.Run($"Get-DockerVersion -Context {context}"));

        Assert.Equal(context, engine.Properties["Name"].Value);
        Assert.Equal(TestEnvironment.DockerHost, engine.Properties["Endpoint"].Value);
        Assert.Equal($"context '{context}' (parameter -Context)", engine.Properties["Source"].Value);
    }

    [Fact]
    public void DockerContextVariableThenCurrentContextThenDefault()
    {
        var context = CreateContext($"dps-env-{fixture.RunId}", TestEnvironment.DockerHost);
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);

        Environment.SetEnvironmentVariable("DOCKER_CONTEXT", context);
        Assert.Equal($"context '{context}' (DOCKER_CONTEXT)", EngineOf(_ps.Run("Get-DockerVersion")).Properties["Source"].Value);

        Environment.SetEnvironmentVariable("DOCKER_CONTEXT", null);
        var config = Path.Combine(TestEnvironment.DockerConfig, "config.json");
        File.WriteAllText(config, $$"""{"currentContext": "{{context}}"}""");
        try
        {
            Assert.StartsWith($"context '{context}' (currentContext in", (string)EngineOf(_ps.Run("Get-DockerVersion")).Properties["Source"].Value);
        }
        finally
        {
            File.Delete(config);
        }

        var error = Assert.Single(_ps.Run("Get-DockerVersion").Errors);
        Assert.Contains("unix:///var/run/docker.sock (default socket)", error.Exception.Message);
    }

    [Fact]
    public void DockerHostWinsOverDockerContextAsInTheDockerCli()
    {
        var bogus = CreateContext($"dps-bogus-{fixture.RunId}", $"unix:///tmp/dockerps-bogus-{fixture.RunId}.sock");
        Environment.SetEnvironmentVariable("DOCKER_CONTEXT", bogus);

        // DOCKER_HOST (the test engine) is still set: the docker CLI uses it and ignores DOCKER_CONTEXT.
        var engine = EngineOf(_ps.Run("Get-DockerVersion"));

        Assert.Equal("DOCKER_HOST", engine.Properties["Source"].Value);
        var cli = new ProcessStartInfo(DockerCli.Program, ["version", "--format", "{{.Server.Version}}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        cli.Environment["DOCKER_CONFIG"] = TestEnvironment.DockerConfig;
        cli.Environment["DOCKER_HOST"] = TestEnvironment.DockerHost;
        cli.Environment["DOCKER_CONTEXT"] = bogus;
        using var process = Process.Start(cli)!;
        process.WaitForExit(30_000);
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void UnknownContextIsATerminatingErrorWithItsOwnId()
    {
        // Only a terminating error reaches catch.
        var result = _ps.Run($"try {{ Get-DockerContainer -Context no-such-context-{fixture.RunId} }} catch {{ $_ }}");

        var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
        Assert.Equal("ContextNotFound,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains($"no-such-context-{fixture.RunId}", error.Exception.Message);
    }

    [Fact]
    public void ContextAndHostTogetherAreRefused()
    {
        var error = Assert.Single(_ps.Run($"Get-DockerImage -Context default -DockerHost {TestEnvironment.DockerHost}").Errors);

        Assert.Equal("InvalidEndpoint,DockerPS.Commands.GetDockerImageCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void UnsupportedSchemesSaySo()
    {
        var error = Assert.Single(_ps.Run("Get-DockerInfo -DockerHost fd://").Errors);

        Assert.Equal("EndpointNotSupported,DockerPS.Commands.GetDockerInfoCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, error.CategoryInfo.Category);
        Assert.Equal("InvalidEndpoint,DockerPS.Commands.GetDockerInfoCommand",
            Assert.Single(_ps.Run("Get-DockerInfo -DockerHost 'gopher://x'").Errors).FullyQualifiedErrorId);
    }

    /// <summary>
    /// Windows' endpoint kind, on the code path Windows takes: .NET serves the pipe name NAME as the unix socket
    /// $TMPDIR/CoreFxPipe_NAME, so a link of that name to the engine's socket serves the real engine as a named pipe.
    /// </summary>
    [Fact]
    public void NamedPipeEndpointsReachTheEngineServedUnderThatName()
    {
        var name = $"dockerps-engine-{fixture.RunId}";
        var link = Path.Combine(Path.GetTempPath(), "CoreFxPipe_" + name);
        File.CreateSymbolicLink(link, new Uri(TestEnvironment.DockerHost).AbsolutePath);
        try
        {
            var pipe = $"npipe:////./pipe/{name}";
            Environment.SetEnvironmentVariable("DOCKER_HOST", pipe);
            var result = _ps.Run($"(Get-DockerVersion).Engine.Endpoint; Get-DockerContainer -Name {fixture.RunningName} -DockerHost 'npipe://\\\\.\\pipe\\{name}' | ForEach-Object Name; 'through', 'stdin' | Invoke-DockerExec {fixture.RunningName} cat");
            var missing = _ps.Run($"Get-DockerVersion -DockerHost npipe:////./pipe/{name}-missing");
            var remote = _ps.Run($"Get-DockerVersion -DockerHost npipe:////build01/pipe/docker_engine");

            Assert.Empty(result.Errors);
            Assert.Equal([pipe, fixture.RunningName, "through", "stdin"], result.Output.Select(o => o.BaseObject));
            var error = Assert.Single(missing.Errors);
            Assert.Equal("EngineUnreachable,DockerPS.Commands.GetDockerVersionCommand", error.FullyQualifiedErrorId);
            Assert.Contains($"no named pipe '{name}-missing'", error.Exception.Message);
            Assert.Equal("InvalidEndpoint,DockerPS.Commands.GetDockerVersionCommand", Assert.Single(remote.Errors).FullyQualifiedErrorId);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void PipedObjectsActOnTheEngineTheyCameFrom()
    {
        var result = _ps.Run(
            $"$c = Get-DockerContainer -DockerHost {TestEnvironment.DockerHost} -Name {fixture.RunningName}; " +
            "$env:DOCKER_HOST = 'unix:///tmp/dockerps-nowhere.sock'; " +
            "$c | Get-DockerVersion");

        Assert.Empty(result.Errors);
        Assert.Equal(TestEnvironment.DockerHost, EngineOf(result).Properties["Endpoint"].Value);
    }

    [Fact]
    public void ContextNamesComplete()
    {
        var context = CreateContext($"dps-complete-{fixture.RunId}", TestEnvironment.DockerHost);

        Assert.Equal(new[] { context }, Completion.Complete(_ps, "Get-DockerContainer -Context dps-complete-"));
        Assert.Contains("default", Completion.Complete(_ps, "Get-DockerContainer -Context def"));
    }
}
