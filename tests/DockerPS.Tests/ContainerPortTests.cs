using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-DockerContainerPort lists what <c>docker port</c> lists, for the same containers.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerPortTests(EngineFixture fixture) : IDisposable
{
    private const string Cmdlet = "DockerPS.Commands.GetDockerContainerPortCommand";

    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _network = $"dps-port-{fixture.RunId}-{Guid.NewGuid().ToString("N")[..4]}";
    private readonly List<string> _containers = [];

    /// <summary>A running container on a network of the test's own (the test engine has no default bridge), publishing on loopback only.</summary>
    private string Publishing(params string[] publish)
    {
        if (_containers.Count == 0)
        {
            DockerCli.Run(["network", "create", .. fixture.LabelArgs, _network]);
        }
        var name = $"{_network}-{_containers.Count}";
        DockerCli.Run(["run", "-d", "--name", name, "--network", _network, .. fixture.LabelArgs, .. publish.SelectMany(p => new[] { "-p", p }), TestEnvironment.Image, "sleep", "300"]);
        _containers.Add(name);
        return name;
    }

    public void Dispose()
    {
        if (_containers.Count > 0)
        {
            DockerCli.Run(["rm", "-f", .. _containers]);
            DockerCli.Run("network", "rm", _network);
        }
    }

    [Fact]
    public void ListsWhatDockerPortLists()
    {
        var web = Publishing("127.0.0.1::80", "127.0.0.1::53/udp", "127.0.0.1:0:8443");

        var result = _ps.Run($"Get-DockerContainerPort {web}");

        Assert.Empty(result.Errors);
        Assert.Equal(DockerCli.Lines("port", web).Order(), result.Output.Select(o => o.ToString()).Order());
        Assert.All(result.Output, o => Assert.Equal(("DockerPS.PublishedPort", web, "127.0.0.1"),
            (o.BaseObject.GetType().FullName, (string)o.Properties["Container"].Value, (string)o.Properties["HostIp"].Value)));
        Assert.Equal(3, result.Output.Count);
    }

    [Fact]
    public void OnePortAsDockerPortTakesIt()
    {
        var web = Publishing("127.0.0.1::80", "127.0.0.1::81");

        var port = Assert.Single(_ps.Run($"Get-DockerContainerPort {web} 80/tcp").Output);

        Assert.Equal(DockerCli.Run("port", web, "80/tcp").Trim(), port.Properties["HostAddress"].Value);
        Assert.Equal((80, "tcp", "80/tcp"), ((int)port.Properties["PrivatePort"].Value, (string)port.Properties["Protocol"].Value, (string)port.Properties["Port"].Value));
    }

    [Fact]
    public void PipedContainersGoOnPastUnknownAndUnpublishingOnes()
    {
        var a = Publishing("127.0.0.1::80");
        var b = Publishing("127.0.0.1::81");

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | Get-DockerContainerPort -Port 80");

        Assert.Equal(new[] { a }, result.Property("Container"));
        Assert.Equal(new[] { $"ContainerNotFound,{Cmdlet}", $"PortNotPublished,{Cmdlet}" }, result.ErrorIds);
        Assert.Equal(new object[] { $"nosuch-{fixture.RunId}", b }, result.Errors.Select(e => e.TargetObject));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("80/ftp")]
    [InlineData("70000")]
    public void ABadPortStopsBeforeAnyEngineCall(string port)
    {
        var result = _ps.Run($"Get-DockerContainerPort x '{port}' -DockerHost unix:///nonexistent/docker.sock");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidPort,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(port, error.TargetObject);
    }

    [Fact]
    public void TableGroupsByContainerLikeDockerPort()
    {
        var web = Publishing("127.0.0.1:0:80");
        var host = DockerCli.Run("port", web, "80").Trim();

        var text = _ps.Run($"Get-DockerContainerPort {web} | Out-Default").HostText;

        Assert.Contains($"Container: {web}", text);
        Assert.Matches($@"PORT\s+HOST\s*\r?\n-+\s+-+\s*\r?\n80/tcp\s+{System.Text.RegularExpressions.Regex.Escape(host)}", text);
    }
}
