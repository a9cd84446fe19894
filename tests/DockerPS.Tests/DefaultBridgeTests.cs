using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The main engine has a default bridge, as users' engines do (tests/env/up.sh gives it one of its own, without
/// firewall rules): a container run without -Network joins it as with <c>docker run</c>, and a port published to
/// 127.0.0.1 is served on loopback. Main leg only: the older engines here run without a default bridge.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DefaultBridgeTests(EngineFixture fixture) : IDisposable
{
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly TestContainers _containers = new(fixture);
    private readonly string _name = $"dps-bridge-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";

    public void Dispose()
    {
        _containers.Dispose();
        DockerCli.Run("rm", "-f", _name);
    }

    private static string Networks(string container) => DockerCli.Run("inspect", "--format", "{{range $n, $_ := .NetworkSettings.Networks}}{{$n}} {{end}}", container).Trim();

    [Fact]
    public async Task ARunWithoutNetworkJoinsTheDefaultBridgeAndAPublishedPortAnswersOnLoopback()
    {
        var cli = _containers.Create(true, "sleep", "600");

        var result = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} -Detach -Name {_name} -Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}' }} " +
            "-Publish '127.0.0.1::8080' -Command httpd, -f, -p, 8080, -h, /etc");

        Assert.Empty(result.Errors);
        Assert.Equal("bridge", Networks(cli));
        Assert.Equal(Networks(cli), Networks(_name));
        var published = DockerCli.Run("port", _name, "8080/tcp").Trim();
        Assert.StartsWith("127.0.0.1:", published);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        // httpd may take a moment to listen after the start.
        string? passwd = null;
        for (var attempt = 0; attempt < 20 && passwd is null; attempt++)
        {
            try
            {
                passwd = await http.GetStringAsync($"http://{published}/passwd");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }
        Assert.StartsWith("root:x:0:0:", passwd);
    }
}
