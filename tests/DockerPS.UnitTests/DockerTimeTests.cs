using DockerPS.Operations;
using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class DockerTimeTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("10m", -600)]
    [InlineData("1h30m", -5400)]
    [InlineData("1.5s", -1.5)]
    [InlineData("-5m", 300)]
    public void DurationsCountBackFromNow(string text, double seconds) =>
        Assert.Equal(Now.AddSeconds(seconds), DockerTime.Parse(text, Now));

    [Theory]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00.0000000+00:00")]
    [InlineData("2024-05-01T10:00:00.123456789+02:00", "2024-05-01T10:00:00.1234567+02:00")]
    [InlineData("2024-05-01T10:00:00.5z", "2024-05-01T10:00:00.5000000+00:00")]
    [InlineData("2024-05-01T10:30-05:30", "2024-05-01T10:30:00.0000000-05:30")]
    [InlineData("2024-05-01Z", "2024-05-01T00:00:00.0000000+00:00")]
    public void Rfc3339TimesKeepTheirZone(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), DockerTime.Parse(text, Now));

    [Theory]
    [InlineData("2024-05-01", 0, 0, 0)]
    [InlineData("2024-05-01T10", 10, 0, 0)]
    [InlineData("2024-05-01T10:30", 10, 30, 0)]
    [InlineData("2024-05-01T10:30:15", 10, 30, 15)]
    public void TimesWithoutAZoneAreLocal(string text, int hour, int minute, int second)
    {
        var local = new DateTime(2024, 5, 1, hour, minute, second, DateTimeKind.Local);

        Assert.Equal(new DateTimeOffset(local), DockerTime.Parse(text, Now));
    }

    [Theory]
    [InlineData("1714557600", 1714557600, 0)]
    [InlineData("1714557600.25", 1714557600, 2_500_000)]
    [InlineData("1714557600.000000100", 1714557600, 1)]
    [InlineData("0", 0, 0)]
    [InlineData("10", 10, 0)]
    public void UnixTimestampsAreSecondsWithAFraction(string text, long seconds, long ticks) =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks), DockerTime.Parse(text, Now));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("10x")]
    [InlineData("2024-13-01")]
    [InlineData("2024-05-01T25:00")]
    [InlineData("2024-05-01T10:00:00+15:00")]
    [InlineData("2024/05/01")]
    [InlineData("99999999999999999999")]
    [InlineData("1.2.3")]
    public void BadTimesAreRejectedQuotingTheText(string text) => Assert.Contains($"'{text}' is not a time", Assert.Throws<FormatException>(() => DockerTime.Parse(text, Now)).Message);

    [Theory]
    [InlineData("2024-05-01T10:00:00.1234567Z", "1714557600.123456700")]
    [InlineData("1970-01-01T00:00:00Z", "0.000000000")]
    [InlineData("1969-12-31T23:59:59.5Z", "-1.500000000")]
    public void EngineQueriesTakeUnixSecondsWithNanoseconds(string time, string unix) =>
        Assert.Equal(unix, DockerTime.ToUnix(DateTimeOffset.Parse(time)));

    [Fact]
    public void LogQueriesSayEverythingExplicitly()
    {
        Assert.Equal("stdout=1&stderr=1&follow=0&timestamps=0&tail=all", LogOperations.Query(new LogOptions()));
        Assert.Equal("stdout=0&stderr=1&follow=1&timestamps=1&tail=5&since=1714557600.000000000&until=1714557601.000000000",
            LogOperations.Query(new LogOptions
            {
                Stdout = false,
                Follow = true,
                Timestamps = true,
                Tail = 5,
                Since = DateTimeOffset.FromUnixTimeSeconds(1714557600),
                Until = DateTimeOffset.FromUnixTimeSeconds(1714557601),
            }));
    }
}
