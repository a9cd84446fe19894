using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class PruneFilterTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PruneFilter Parse(params (string Key, object Value)[] pairs) =>
        PruneFilter.Parse(pairs.Select(p => new KeyValuePair<string, object>(p.Key, p.Value)), Now);

    [Theory]
    [InlineData("24h", "2026-05-31T12:00:00Z")]
    [InlineData("1h30m", "2026-06-01T10:30:00Z")]
    [InlineData("1767225600", "2026-01-01T00:00:00Z")]
    [InlineData("1767225600.5", "2026-01-01T00:00:00.5Z")]
    [InlineData("2026-01-31T10:00:00Z", "2026-01-31T10:00:00Z")]
    public void UntilTakesDurationsUnixSecondsAndTimes(string text, string utc) =>
        Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), Parse(("until", text)).Until);

    [Fact]
    public void UntilTakesADateTimeObject() =>
        Assert.Equal(Now.AddDays(-1), Parse(("until", Now.AddDays(-1).ToLocalTime())).Until);

    [Fact]
    public void ContainersCreatedAfterUntilAreKept()
    {
        var filter = Parse(("until", "1h"));

        Assert.True(filter.Matches(Now.AddHours(-2), null));
        Assert.True(filter.Matches(Now.AddHours(-1), null));
        Assert.False(filter.Matches(Now.AddMinutes(-59), null));
    }

    [Fact]
    public void NotLabelSkipsContainersWithAllOfThemAsTheEngineDoes()
    {
        var filter = Parse(("label!", "keep"), ("label!", "tier=db"));
        var labels = new Dictionary<string, string> { ["keep"] = "", ["tier"] = "db" };

        Assert.False(filter.Matches(Now, labels));
        Assert.True(filter.Matches(Now, new Dictionary<string, string> { ["keep"] = "yes" }));
        Assert.True(filter.Matches(Now, new Dictionary<string, string> { ["keep"] = "", ["tier"] = "web" }));
        Assert.True(filter.Matches(Now, null));
    }

    [Fact]
    public void LabelsGoToTheEnginesList()
    {
        var filter = Parse(("label", "a=b"), ("label", "c"), ("LABEL!", "d"));

        Assert.Equal(new[] { "a=b", "c" }, filter.Labels);
        Assert.Equal(new[] { "d" }, filter.NotLabels);
        Assert.True(filter.Matches(Now, null));
    }

    [Theory]
    [InlineData("status", "exited")]
    [InlineData("until", "soon")]
    public void OtherKeysAndBadTimesAreRejected(string key, string value) =>
        Assert.Throws<FormatException>(() => Parse((key, value)));

    [Fact]
    public void VolumePrunesTakeLabelsButNoUntil()
    {
        var filter = PruneFilter.Parse([new("label", "a"), new("label!", "b")], Now, takesUntil: false);

        Assert.Equal(new[] { "a" }, filter.Labels);
        Assert.Equal(new[] { "b" }, filter.NotLabels);
        var error = Assert.Throws<FormatException>(() => PruneFilter.Parse([new("until", "1h")], Now, takesUntil: false));
        Assert.Contains("use label or label!", error.Message);
    }

    [Fact]
    public void OneUntilOnly() => Assert.Throws<FormatException>(() => Parse(("until", "1h"), ("until", "2h")));
}
