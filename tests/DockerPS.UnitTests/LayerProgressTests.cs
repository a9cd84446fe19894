using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class LayerProgressTests
{
    private static JsonMessage Message(string? id, string status, long? current = null, long? total = null) =>
        new(id, status, null, current, total, null, null);

    [Fact]
    public void APullCountsDownloadedBytesAndFinishedLayers()
    {
        var progress = new LayerProgress();
        progress.Add(Message("v1", "Pulling from team/app"));
        progress.Add(Message("aaa", "Pulling fs layer"));
        progress.Add(Message("bbb", "Already exists"));
        progress.Add(Message("aaa", "Downloading", 300, 1000));

        Assert.Equal("Pulling from team/app", progress.Status);
        Assert.Equal(new[] { "aaa", "bbb" }, progress.Layers.Select(l => l.Id));
        Assert.Equal((300L, 1000L), progress.Bytes);
        Assert.Equal(new[] { false, true }, progress.Layers.Select(l => l.Done));

        progress.Add(Message("aaa", "Download complete"));
        progress.Add(Message("aaa", "Extracting", 50, 4000));

        // Extraction is shown on the layer but does not count as bytes moved.
        Assert.Equal((1000L, 1000L), progress.Bytes);
        Assert.Equal(new LayerState("aaa", "Extracting", 50, 4000, false), progress.Layers[0]);

        progress.Add(Message("aaa", "Pull complete"));
        progress.Add(Message(null, "Digest: sha256:ab"));

        Assert.All(progress.Layers, l => Assert.True(l.Done));
        Assert.Equal((1000L, 1000L), progress.Bytes);
        Assert.Equal("Digest: sha256:ab", progress.Status);
    }

    [Fact]
    public void APushCountsUploadedBytesAndEveryWayALayerEnds()
    {
        var progress = new LayerProgress();
        progress.Add(Message(null, "The push refers to repository [127.0.0.1:5100/team/app]"));
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            progress.Add(Message(id, "Preparing"));
        }
        progress.Add(Message("a", "Pushing", 2500, 2000));
        progress.Add(Message("b", "Layer already exists"));
        progress.Add(Message("c", "Mounted from team/base"));

        // The engine can report more than the total for a compressed layer; the bar stays within it.
        Assert.Equal((2000L, 2000L), progress.Bytes);
        Assert.Equal(new[] { false, true, true, false }, progress.Layers.Select(l => l.Done));

        progress.Add(Message("a", "Pushed"));
        progress.Add(Message("d", "Waiting"));

        Assert.Equal(new[] { true, true, true, false }, progress.Layers.Select(l => l.Done));
    }

    [Fact]
    public void MessagesWithoutStatusChangeNothing()
    {
        var progress = new LayerProgress();
        progress.Add(new JsonMessage("x", null, "build output", null, null, null, null));

        Assert.Empty(progress.Layers);
        Assert.Null(progress.Status);
    }
}
