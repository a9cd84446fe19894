using DockerPS.Connection;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class ApiVersionsTests
{
    [Theory]
    [InlineData("1.41", "1.12", "1.41")] // Docker 20.10
    [InlineData("1.52", "1.44", "1.52")] // Docker 29
    [InlineData("1.60", "1.44", "1.54")] // newer than we know: our maximum
    public void ChoosesTheNewestBothSpeak(string server, string minimum, string expected) =>
        Assert.Equal(Version.Parse(expected), ApiVersions.Negotiate(Version.Parse(server), Version.Parse(minimum), "e"));

    [Fact]
    public void RefusesAnEngineWhoseMinimumIsAboveOurMaximum()
    {
        var e = Assert.Throws<DockerEngineException>(() => ApiVersions.Negotiate(new Version(1, 70), new Version(1, 60), "tcp://h:1 (DOCKER_HOST)"));

        Assert.Equal(ErrorCatalog.ApiVersionNotSupported, e.Code);
        Assert.Contains("tcp://h:1 (DOCKER_HOST)", e.Message);
    }
}
