using DockerPS.Completion;
using DockerPS.Formatting;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(0.5, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(42, "42 seconds")]
    [InlineData(90, "About a minute")]
    [InlineData(5 * 60, "5 minutes")]
    [InlineData(3700, "About an hour")]
    [InlineData(5 * 3600, "5 hours")]
    [InlineData(3 * 86400, "3 days")]
    [InlineData(20 * 86400, "2 weeks")]
    [InlineData(100 * 86400, "3 months")]
    [InlineData(800 * 86400, "2 years")]
    public void DurationsReadLikeDocker(double seconds, string expected) =>
        Assert.Equal(expected, Display.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1978000, "1.98MB")]
    [InlineData(142_000_000, "142MB")]
    [InlineData(2_500_000_000, "2.5GB")]
    public void SizesReadLikeDocker(long bytes, string expected) => Assert.Equal(expected, Display.Size(bytes));

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(1023, "1023B")]
    [InlineData(921_600, "900KiB")]
    [InlineData(67_108_864, "64MiB")]
    [InlineData(25_274_793_984, "23.54GiB")]
    public void MemorySizesReadLikeDockerStats(long bytes, string expected) => Assert.Equal(expected, Display.BinarySize(bytes));

    [Theory]
    [InlineData(0, "0.00%")]
    [InlineData(96.8271, "96.83%")]
    [InlineData(200, "200.00%")]
    public void PercentagesHaveTwoDecimals(double value, string expected) => Assert.Equal(expected, Display.Percent(value));

    [Theory]
    [InlineData("sha256:3e1ce9264dfe0123456789", "3e1ce9264dfe")]
    [InlineData("4f1c2a9d7e3b99999", "4f1c2a9d7e3b")]
    [InlineData("abc", "abc")]
    [InlineData(null, "")]
    public void ShortIdsAreTwelveCharacters(string? id, string expected) => Assert.Equal(expected, Display.ShortId(id));

    [Fact]
    public void CompletionsMatchPrefixSortAndQuote()
    {
        var results = EngineCompleter.Complete(["web-2", "Web-1", "db", "web 3", "web-2"], "we").Select(r => r.CompletionText);

        Assert.Equal(new[] { "'web 3'", "Web-1", "web-2" }, results);
        Assert.Equal("'it''s'", EngineCompleter.Quote("it's"));
        Assert.Equal("registry:5000/app:1.0", EngineCompleter.Quote("registry:5000/app:1.0"));
    }
}
