using System.Collections.Concurrent;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Several engines in one pipeline: the test engine through two endpoints (its unix socket and its TLS listener, as two
/// contexts), a context whose engine cannot be reached, and, to show the calls run at once, fake engines that each hold
/// a request until all of them have one.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class MultiEngineTests : IDisposable
{
    private readonly EngineFixture _fixture;
    private readonly PowerShellSession _ps;
    private readonly string _config = Directory.CreateTempSubdirectory("dockerps-multi-").FullName;
    private readonly List<FakeEngine> _fakes = [];

    public MultiEngineTests(EngineFixture fixture)
    {
        _fixture = fixture;
        _ps = fixture.Session;
        var client = Path.Combine(TestEnvironment.TlsDirectory, "client");
        DockerCli.WithConfig(_config, "context", "create", "sock", "--docker", $"host={TestEnvironment.DockerHost}");
        DockerCli.WithConfig(_config, "context", "create", "tls", "--docker",
            $"host={TestEnvironment.TlsHost},ca={client}/ca.pem,cert={client}/cert.pem,key={client}/key.pem");
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        DockerCli.WithConfig(_config, "context", "create", "dead", "--docker", "host=tcp://127.0.0.1:1");
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _config);
    }

    public void Dispose()
    {
        _fakes.ForEach(fake => fake.Dispose());
        TestEnvironment.ResetEnvironment();
        Directory.Delete(_config, recursive: true);
    }

    /// <summary>
    /// <see cref="FakeEngine.HoldingUntilAllReceive"/> engines as contexts held0, held1, … (plain tcp: a context's TLS is
    /// its own), answering <paramref name="route"/> and, not held, <paramref name="answered"/>.
    /// </summary>
    private FakeEngine[] HeldEngines(int count, string route, string body, params (string Route, string Body)[] answered)
    {
        var bodies = answered.ToDictionary(a => a.Route, a => a.Body);
        bodies[route] = body;
        var fakes = FakeEngine.HoldingUntilAllReceive(count, route, bodies);
        _fakes.AddRange(fakes);
        for (var i = 0; i < count; i++)
        {
            DockerCli.WithConfig(_config, "context", "create", $"held{i}", "--docker", $"host={fakes[i].Endpoint}");
        }
        return fakes;
    }

    private static bool Received(FakeEngine fake, string route)
    {
        lock (fake.Paths)
        {
            return fake.Paths.Any(path => path.Split('?')[0].EndsWith(route, StringComparison.Ordinal));
        }
    }

    private static string EngineName(PSObject item) => (string)PSObject.AsPSObject(item.Properties["Engine"].Value).Properties["Name"].Value;

    [Fact]
    public void GetFansOutAcrossContextsEachObjectTaggedWithItsEngine()
    {
        var result = _ps.Run($"Get-DockerContainer -Name {_fixture.RunningName} -Context sock, tls");

        Assert.Empty(result.Errors);
        Assert.Equal([_fixture.RunningName, _fixture.RunningName], result.Property("Name"));
        Assert.Equal(["sock", "tls"], result.Output.Select(EngineName));
    }

    [Theory]
    [InlineData("Get-DockerContainer", "/containers/json", """[{"Id":"c0ffee","Names":["/held"],"Image":"busybox","State":"running"}]""")]
    [InlineData("Get-DockerInfo", "/info", """{"Name":"held"}""")]
    [InlineData("Get-DockerContainerChange held", "/containers/held/changes", """[{"Path":"/tmp","Kind":0}]""")]
    [InlineData("Get-DockerContainerProcess held", "/containers/held/top", """{"Titles":["PID","CMD"],"Processes":[["1","sh"]]}""")]
    [InlineData("Get-DockerImageHistory held", "/images/held/history", """[{"Id":"sha256:c0ffee","Created":1700000000,"CreatedBy":"sh","Size":0,"Comment":""}]""",
        "/images/held/json", """{"Id":"sha256:c0ffee"}""")]
    public void GetCallsEveryEngineAtOnceAndWritesInContextOrder(string cmdlet, string route, string body, string? firstRoute = null, string? firstBody = null)
    {
        // Each engine answers only once both have the request: called one after another, the first is answered after
        // FakeEngine.HoldLimit with an error saying so. A call that comes first (the history's image inspection) is not held.
        HeldEngines(2, route, body, firstRoute is null ? [] : [(firstRoute, firstBody!)]);

        var result = _ps.Run($"{cmdlet} -Context held0, held1");

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors.Select(e => e.Exception.Message)));
        Assert.Equal(["held0", "held1"], result.Output.Select(EngineName));
    }

    [Theory]
    [InlineData("Stop-DockerContainer held", "/containers/held/stop")]
    [InlineData("Remove-DockerContainer held", "/containers/held")]
    [InlineData("Remove-DockerVolume held", "/volumes/held")]
    public void StateChangesCallEveryEngineAtOnce(string cmdlet, string route)
    {
        // As for Get-: called one engine after the other, the first is not answered before HoldLimit.
        HeldEngines(2, route, "");

        var result = _ps.Run($"{cmdlet} -Context held0, held1");

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors.Select(e => e.Exception.Message)));
    }

    [Fact]
    public void StoppingAGetCancelsItsCallOnEveryEngine()
    {
        // A group of three of which two are called: neither is answered before HoldLimit.
        var fakes = HeldEngines(3, "/containers/json", "[]")[..2];

        var bothCalled = false;
        var result = _ps.Run("Get-DockerContainer -Context held0, held1", whileRunning: ps =>
        {
            bothCalled = SpinWait.SpinUntil(() => fakes.All(fake => Received(fake, "/containers/json")), FakeEngine.HoldLimit);
            ps.Stop();
        });

        Assert.True(bothCalled, "The list calls did not reach both engines at once.");
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
        // The second engine's call, which no pass waited for yet, is cancelled too rather than left to run.
        Assert.True(SpinWait.SpinUntil(() => fakes.All(fake => fake.Abandoned == 1), FakeEngine.HoldLimit),
            $"Calls abandoned per engine: {string.Join(", ", fakes.Select(fake => fake.Abandoned))}.");
    }

    [Fact]
    public void PassesEndedEarlyCancelTheCallsTheyDidNotWaitFor()
    {
        var fakes = HeldEngines(3, "/containers/json", "[]")[..2];

        // held0's answer (nothing) is a not-found error that stops the cmdlet, as Select-Object -First would, while
        // held1's call is in flight.
        var bothCalled = false;
        var result = _ps.Run("Get-DockerContainer nosuch -Context held0, held1 -ErrorAction Stop", whileRunning: _ =>
        {
            bothCalled = SpinWait.SpinUntil(() => fakes.All(fake => Received(fake, "/containers/json")), FakeEngine.HoldLimit);
            fakes[0].Release();
        });

        Assert.True(bothCalled, "The list calls did not reach both engines at once.");
        Assert.Equal(["ContainerNotFound,DockerPS.Commands.GetDockerContainerCommand"], result.ErrorIds);
        Assert.True(SpinWait.SpinUntil(() => fakes[1].Abandoned == 1, FakeEngine.HoldLimit), "held1's list call was left running.");
    }

    [Fact]
    public void AnUnreachableEngineIsOneErrorNamingItAndTheOthersStillAnswer()
    {
        var result = _ps.Run($"'{_fixture.RunningName}', '{_fixture.ExitedName}' | Get-DockerContainer -Context sock, dead, tls");

        Assert.Equal(["sock", "tls", "sock", "tls"], result.Output.Select(EngineName));
        Assert.Equal([_fixture.RunningName, _fixture.RunningName, _fixture.ExitedName, _fixture.ExitedName], result.Property("Name"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("EngineUnreachable,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("tcp://127.0.0.1:1", error.Exception.Message);
        Assert.Contains("context 'dead'", error.Exception.Message);
        Assert.Equal("tcp://127.0.0.1:1", error.TargetObject);
    }

    [Fact]
    public void PipedObjectsFromSeveralEnginesAreStoppedEachOnItsOwn()
    {
        var viaSocket = _fixture.CliContainer(start: true, "sleep", "600");
        var viaTls = _fixture.CliContainer(start: true, "sleep", "600");

        var result = _ps.Run($"& {{ Get-DockerContainer {viaSocket} -Context sock; Get-DockerContainer {viaTls} -Context tls }} | Stop-DockerContainer -Timeout 0 -PassThru -Verbose");

        Assert.Empty(result.Errors);
        Assert.Equal(["sock", "tls"], result.Output.Select(EngineName));
        Assert.Equal(["exited", "exited"], result.Property("State"));
        Assert.Contains(result.Verbose, v => v.Message.Contains(TestEnvironment.TlsHost));
        Assert.Equal("exited", DockerCli.Run("inspect", "--format", "{{.State.Status}}", viaSocket).Trim());
        Assert.Equal("exited", DockerCli.Run("inspect", "--format", "{{.State.Status}}", viaTls).Trim());
    }

    [Fact]
    public void FollowedLogsOfEveryContainerAndContextAreWrittenAsTheyCome()
    {
        // Each container says "first", then waits: followed one after another, only the first stream would be written.
        const string script = "echo first; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo second";
        var one = _fixture.CliContainer(true, "sh", "-c", script);
        var two = _fixture.CliContainer(true, "sh", "-c", script);
        var firsts = new CountdownEvent(4);

        var result = _ps.Run($"Get-DockerContainerLog {one}, dps-nosuch-{_fixture.RunId}, {two} -Context sock, tls -Follow | ForEach-Object {{ if ($_.Text -eq 'first') {{ $null = $firsts.Signal() }}; $_ }}",
            new System.Collections.Hashtable { ["firsts"] = firsts }, ps =>
            {
                var all = firsts.Wait(TimeSpan.FromSeconds(60));
                DockerCli.Run("exec", one, "touch", "/tmp/go");
                DockerCli.Run("exec", two, "touch", "/tmp/go");
                if (!all)
                {
                    ps.Stop();
                }
            });

        Assert.Equal(0, firsts.CurrentCount);
        Assert.Equal(["ContainerNotFound,DockerPS.Commands.GetDockerContainerLogCommand", "ContainerNotFound,DockerPS.Commands.GetDockerContainerLogCommand"], result.ErrorIds);
        var lines = result.Output.Select(line => $"{EngineName(line)} {line.Properties["Container"].Value} {line.Properties["Text"].Value}").Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "sock", "tls" }.SelectMany(engine => new[] { one, two }.SelectMany(name => new[] { $"{engine} {name} first", $"{engine} {name} second" })).Order(StringComparer.Ordinal), lines);
        // Every stream's first line came before any second line.
        Assert.All(result.Output.Take(4), line => Assert.Equal("first", line.Properties["Text"].Value));
    }

    [Fact]
    public void FollowedEventsOfEveryContextAreWrittenUntilStopped()
    {
        var name = _fixture.CliContainer(false, "true");
        var starts = new ConcurrentQueue<string>();

        // Started (again) until both engines have told of a start: when their subscriptions begin is not known here. A
        // start from before them, replayed with -Since, was lost once: an engine keeps only its last 256 events.
        var result = _ps.Run($"Get-DockerEvent -Context sock, tls -Follow -Filter @{{ container = '{name}' }} | ForEach-Object {{ if ($_.Action -eq 'start') {{ $starts.Enqueue($_.Engine.Name) }}; $_ }}",
            new System.Collections.Hashtable { ["starts"] = starts }, ps =>
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (starts.Distinct().Count() < 2 && DateTime.UtcNow < deadline)
                {
                    DockerCli.Run("start", name);
                    SpinWait.SpinUntil(() => starts.Distinct().Count() >= 2, TimeSpan.FromSeconds(2));
                }
                ps.Stop();
            });

        Assert.Equal(["sock", "tls"], starts.Distinct().Order(StringComparer.Ordinal));
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
        Assert.All(result.Output, e => Assert.Equal(name, e.Properties["Name"].Value));
    }

    [Fact]
    public void EachContainerAnItemNamesIsCalledOnEveryEngine()
    {
        var one = _fixture.CliContainer(false, "true");
        var two = _fixture.CliContainer(false, "true");
        DockerCli.Run("cp", "/etc/hostname", $"{one}:/one");
        DockerCli.Run("cp", "/etc/hostname", $"{two}:/two");

        var result = _ps.Run($"Get-DockerContainerChange {one}, {two} -Context sock, tls | Where-Object Path -in '/one', '/two'");

        Assert.Empty(result.Errors);
        Assert.Equal(["sock /one", "sock /two", "tls /one", "tls /two"], result.Output.Select(change => $"{EngineName(change)} {change.Properties["Path"].Value}"));
    }
}
