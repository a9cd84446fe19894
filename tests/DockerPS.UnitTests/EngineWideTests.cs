using System.Text.Json;
using DockerPS.Formatting;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The pure parts of Get-DockerEvent, Get-DockerDiskUsage and Clear-DockerSystem.</summary>
public sealed class EngineWideTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    [Fact]
    public void EventsAreReadFromTheEnginesJson()
    {
        var e = EngineEvent.Parse("""
            {"status":"die","id":"abc","from":"busybox","Type":"container","Action":"die",
             "Actor":{"ID":"abc123","Attributes":{"exitCode":"3","image":"busybox","name":"web"}},
             "scope":"local","time":1714557600,"timeNano":1714557600123456789}
            """.Replace("\n", ""), Engine);

        Assert.Equal(("container", "die", "abc123", "web", "local"), (e.Type, e.Action, e.ActorId, e.Name, e.Scope));
        Assert.Equal("3", e.Attributes["exitCode"]);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234567), e.Time.ToUniversalTime());
        Assert.Same(Engine, e.Engine);
    }

    [Fact]
    public void AnEventWithoutNanosecondsOrActorStillReads()
    {
        var e = EngineEvent.Parse("""{"Type":"daemon","Action":"reload","time":1714557600}""", Engine);

        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), e.Time.ToUniversalTime());
        Assert.Equal(string.Empty, e.ActorId);
        Assert.Null(e.Name);
        Assert.Empty(e.Attributes);
    }

    [Fact]
    public void EventQueryCarriesTimesAndFilters()
    {
        var options = new EventOptions
        {
            Since = DateTimeOffset.FromUnixTimeSeconds(1714557600),
            Until = DateTimeOffset.FromUnixTimeSeconds(1714557660),
            Filters = new FilterSet().Add("type", "container").Add("event", "die"),
        };

        Assert.Equal("since=1714557600.000000000&until=1714557660.000000000&filters=" + Uri.EscapeDataString("""{"type":{"container":true},"event":{"die":true}}"""),
            EventOperations.Query(options));
        Assert.Equal(string.Empty, EventOperations.Query(new EventOptions()));
    }

    /// <summary>An API 1.41 <c>/system/df</c> answer: two images sharing a layer, one used; a running and an exited container; a used and an unused volume.</summary>
    private const string Df = """
        {"LayersSize":1000,
         "Images":[{"Id":"sha256:a","Containers":1,"Size":600,"SharedSize":200,"RepoTags":["a:latest"],"Created":1714557600},
                   {"Id":"sha256:b","Containers":0,"Size":600,"SharedSize":200,"RepoTags":["<none>:<none>"],"Created":1714557600}],
         "Containers":[{"Id":"c1","Names":["/run"],"State":"running","SizeRw":100,"Created":1714557600},
                       {"Id":"c2","Names":["/done"],"State":"exited","SizeRw":300,"Created":1714557600}],
         "Volumes":[{"Name":"v1","UsageData":{"RefCount":1,"Size":50}},{"Name":"v2","UsageData":{"RefCount":0,"Size":150}},
                    {"Name":"v3","UsageData":{"RefCount":0,"Size":-1}}],
         "BuildCache":[{"ID":"b1","InUse":true,"Shared":false,"Size":10},{"ID":"b2","InUse":false,"Shared":false,"Size":20},
                       {"ID":"b3","InUse":false,"Shared":true,"Size":40}]}
        """;

    [Fact]
    public void DiskUsageIsComputedAsTheCliComputesIt()
    {
        using var df = JsonDocument.Parse(Df);

        var rows = DiskUsage.Summarize(df.RootElement, Engine).Select(u => (u.Type, u.TotalCount, u.Active, u.Size, u.Reclaimable, u.ReclaimablePercent));

        Assert.Equal(new[]
        {
            // Layers counted once; the used image's own 400 bytes stay.
            ("Images", 2, 1, 1000L, 600L, (int?)60),
            ("Containers", 2, 1, 400L, 300L, (int?)75),
            // A size the engine did not measure (-1) counts for nothing.
            ("Local Volumes", 3, 1, 200L, 150L, (int?)75),
            // Shared build cache is not counted; the CLI shows no percentage for it.
            ("Build Cache", 3, 1, 30L, 20L, (int?)null),
        }, rows);
    }

    [Fact]
    public void DiskUsageDetailListsEveryObject()
    {
        using var df = JsonDocument.Parse(Df);

        var items = DiskUsageItem.List(df.RootElement, Engine);

        Assert.Equal(new[] { "a:latest", "<none>", "run", "done", "v1", "v2", "v3", "", "", "" }, items.Select(i => i.Name));
        var image = items[0];
        Assert.Equal(("Image", 600L, 200L, 400L, 1L), (image.Type, image.Size, image.SharedSize, image.UniqueSize, image.Links));
        Assert.Null(items.Single(i => i.Name == "v3").Size);
    }

    [Theory]
    [InlineData(0, 4, "0B")]
    [InlineData(1983725, 4, "1.984MB")]
    [InlineData(1983725, 3, "1.98MB")]
    public void SizesTakeTheCliPrecision(long bytes, int digits, string expected) => Assert.Equal(expected, Display.Size(bytes, digits));

    [Fact]
    public void ReclaimableShowsAPercentageWhenThereIsOne()
    {
        Assert.Equal("600B (60%)", Display.Reclaimable(600, 60));
        Assert.Equal("20B", Display.Reclaimable(20, null));
    }

    [Fact]
    public void PruneFiltersGoToTheEngineAsItTakesThem()
    {
        var filter = PruneFilter.Parse(
            [new("until", new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc)), new("label", "a=b"), new("label!", "keep")], DateTime.UtcNow);

        Assert.Equal("""{"until":{"1714557600.000000000":true},"label":{"a=b":true},"label!":{"keep":true}}""", filter.PruneFilters().ToJson());
    }
}
