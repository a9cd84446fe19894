using System.Text;
using Docker.DotNet.Models;
using DockerPS.Commands;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>What New-DockerSecret and New-DockerConfig make of piped objects, and what a config shows of its content.</summary>
public sealed class SwarmDataTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    [Fact]
    public void PipedTextIsUtf8LinesWithoutAFinalNewline() =>
        Assert.Equal("héllo\nworld\n", Encoding.UTF8.GetString(SwarmDataCmdlet.Encode(["héllo", "world", ""])));

    [Fact]
    public void PipedBytesGoAsTheyAreWholeOrOneByOne() =>
        Assert.Equal(new byte[] { 0, 255, 1, 2 }, SwarmDataCmdlet.Encode([new byte[] { 0, 255 }, (byte)1, (byte)2]));

    [Fact]
    public void TextAfterBytesStartsWhereTheyEndAndOtherObjectsGoAsTheirText() =>
        Assert.Equal("\u0001a\n42", Encoding.UTF8.GetString(SwarmDataCmdlet.Encode([(byte)1, "a", 42])));

    [Fact]
    public void NothingPipedIsNoContent() => Assert.Empty(SwarmDataCmdlet.Encode([]));

    [Fact]
    public void AConfigShowsItsContentAsTextAndGivesACopyOfItsBytes()
    {
        var data = "listen 80;\n"u8.ToArray();
        var config = new Config(new SwarmConfig { ID = "c1", Spec = new SwarmConfigSpec { Name = "nginx.conf", Data = data } }, Engine);

        Assert.Equal("listen 80;\n", config.Content);
        var copy = config.GetData();
        copy[0] = 0;
        Assert.Equal(data, config.GetData());
        Assert.Equal("nginx.conf", config.ToString());
    }

    [Fact]
    public void ARecordWithoutSpecOrTimesReadsAsEmpty()
    {
        var secret = new Secret(new Docker.DotNet.Models.Secret { ID = "s1" }, Engine);

        Assert.Equal(("s1", "", null, default(DateTime), 0UL), (secret.Id, secret.Name, secret.Driver, secret.Created, secret.Version));
        Assert.Empty(secret.Labels);
    }

    [Fact]
    public void AListQueryCarriesItsFiltersOnlyWhenThereAreSome()
    {
        Assert.Equal("secrets", new FilterSet().Query("secrets"));
        Assert.Equal("configs?filters=%7B%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%7D", new FilterSet().Add("label", "a=b").Query("configs"));
    }
}
