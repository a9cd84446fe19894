using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class SystemTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    [Fact]
    public void VersionMatchesDockerVersionAndShowsTheNegotiatedApi()
    {
        var cli = DockerCli.Run("version", "--format", "{{.Server.Version}}|{{.Server.APIVersion}}|{{.Server.MinAPIVersion}}").Trim().Split('|');

        var version = Assert.Single(_ps.Run("Get-DockerVersion").Output);

        Assert.Equal("DockerPS.EngineVersion", version.BaseObject.GetType().FullName);
        Assert.Equal(cli[0], version.Properties["Version"].Value);
        Assert.Equal(cli[1], version.Properties["ApiVersion"].Value);
        Assert.Equal(cli[2], version.Properties["MinApiVersion"].Value);
        // The engine speaks at most cli[1]; the client up to 1.54: min() of the two.
        Assert.Equal(cli[1], version.Properties["NegotiatedApiVersion"].Value);
        Assert.Equal("0.1.0", version.Properties["ClientVersion"].Value);
    }

    [Fact]
    public void InfoMatchesDockerInfo()
    {
        var cli = DockerCli.Run("info", "--format", "{{.Name}}|{{.Driver}}|{{.Images}}|{{.NCPU}}|{{.ServerVersion}}").Trim().Split('|');

        var info = Assert.Single(_ps.Run("Get-DockerInfo").Output);

        Assert.Equal(cli[0], info.Properties["Name"].Value);
        Assert.Equal(cli[1], info.Properties["Driver"].Value);
        Assert.Equal(long.Parse(cli[2]), info.Properties["Images"].Value);
        Assert.Equal(long.Parse(cli[3]), info.Properties["NCPU"].Value);
        Assert.Equal(cli[4], info.Properties["ServerVersion"].Value);
        var containers = DockerCli.Lines("ps", "-aq").Length;
        Assert.Equal((long)containers, info.Properties["Containers"].Value);
    }

    [Fact]
    public void VersionAndInfoFormatAsLists()
    {
        var text = _ps.Run("Get-DockerVersion | Out-Default; Get-DockerInfo | Out-Default").HostText;

        Assert.Contains("Negotiated API Version", text);
        Assert.Contains("Storage Driver", text);
        Assert.Contains(TestEnvironment.ModuleDockerHost, text);
    }
}
