using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Several engines in one pipeline: the test engine through two endpoints (its unix socket and its TLS listener, as two
/// contexts), and a context whose engine cannot be reached.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class MultiEngineTests : IDisposable
{
    private readonly EngineFixture _fixture;
    private readonly PowerShellSession _ps;
    private readonly string _config = Directory.CreateTempSubdirectory("dockerps-multi-").FullName;

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
        TestEnvironment.ResetEnvironment();
        Directory.Delete(_config, recursive: true);
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
}
