using Docker.DotNet.Models;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The image output types: what the engine's placeholders and empty values become.</summary>
public sealed class ImageObjectTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    [Theory]
    [InlineData("<missing>", null)]
    [InlineData("", null)]
    [InlineData("sha256:abc", "sha256:abc")]
    public void HistoryStepsWithoutAnImageHaveNoId(string raw, string? id) =>
        Assert.Equal(id, new ImageHistoryItem(new ImageHistoryResponse { ID = raw, CreatedBy = "x" }, Engine).Id);

    [Fact]
    public void DetailWithoutParentConfigOrLayersIsEmptyNotNull()
    {
        var detail = new ImageDetail(new ImageInspectResponse { ID = "sha256:abc" }, "", Engine);

        Assert.Null(detail.Parent);
        Assert.Null(detail.Created);
        Assert.Empty(detail.Labels);
        Assert.Empty(detail.Layers);
        Assert.Empty(detail.RepoTags);
        Assert.Equal("sha256:abc", detail.ToString());
    }

    [Fact]
    public void DetailCreatedIsLocalTime()
    {
        var detail = new ImageDetail(new ImageInspectResponse { ID = "sha256:abc", Created = new DateTime(2024, 1, 31, 12, 0, 0, DateTimeKind.Utc) }, "sha256:p", Engine);

        Assert.Equal(DateTimeKind.Local, detail.Created?.Kind);
        Assert.Equal("sha256:p", detail.Parent);
    }
}
