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

    [Theory]
    [InlineData("1.41", "1.12", "1.41")]
    [InlineData("1.12", "1.12", "1.41")]
    [InlineData("1.30", null, "1.41")]
    public void APinnedVersionTheEngineAcceptsIsUsed(string pinned, string? minimum, string server) =>
        Assert.Equal(Version.Parse(pinned), ApiVersions.Accepted(Version.Parse(pinned), Version.Parse(server), ApiVersions.Parse(minimum), "e"));

    [Theory]
    [InlineData("1.10", "1.12", "1.41", "it takes 1.12 to 1.41.")]
    [InlineData("1.42", "1.12", "1.41", "it takes 1.12 to 1.41.")]
    [InlineData("1.99", null, "1.41", "it takes up to 1.41.")]
    public void APinnedVersionTheEngineRefusesIsRefusedClearly(string pinned, string? minimum, string server, string range)
    {
        var e = Assert.Throws<DockerEngineException>(() =>
            ApiVersions.Accepted(Version.Parse(pinned), Version.Parse(server), ApiVersions.Parse(minimum), "tcp://h:1 (DOCKER_HOST)"));

        Assert.Equal(ErrorCatalog.ApiVersionNotSupported, e.Code);
        Assert.Equal($"DOCKER_API_VERSION={pinned} is not an API version the Docker engine at tcp://h:1 (DOCKER_HOST) accepts: {range}", e.Message);
    }
}
