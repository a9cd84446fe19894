using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Clear-DockerImage, checked with <c>docker images</c>. Other test runs share the engine: every prune here is limited
/// by this run's label and a batch label of its own.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ImagePruneTests(EngineFixture fixture) : IDisposable
{
    private const string Cmdlet = "DockerPS.Commands.ClearDockerImageCommand";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly TestImages _images = new(fixture);

    public void Dispose() => _images.Dispose();

    private static string NewBatch() => $"dps.prune={Guid.NewGuid():N}";

    /// <summary>The -Filter that limits a prune to this run's images of one batch.</summary>
    private string Only(string batch, string? more = null) => $"@{{ label = '{EngineFixture.Label}={fixture.RunId}', '{batch}'{more} }}";

    private static string[] Remaining(string batch) => DockerCli.Lines("images", "-q", "--no-trunc", "--filter", $"label={batch}").Distinct().Order().ToArray();

    private static long Size(string image) => long.Parse(DockerCli.Run("image", "inspect", "--format", "{{.Size}}", image).Trim());

    [Fact]
    public void RemovesOnlyUnusedDanglingImagesByDefaultAndReportsThem()
    {
        var batch = NewBatch();
        var dangling = _images.Commit(null, $"LABEL {batch}");
        var tagged = _images.Commit(_images.Reference("prunetagged"), $"LABEL {batch}");
        var used = _images.Commit(null, $"LABEL {batch}");
        _images.Container(used);
        var size = Size(dangling);

        var result = _ps.Run($"Clear-DockerImage -Filter {Only(batch)} -Force");

        Assert.Empty(result.Errors);
        var pruned = Assert.Single(result.Output);
        Assert.Equal("DockerPS.PruneResult", pruned.BaseObject.GetType().FullName);
        Assert.Equal(new[] { dangling }, (IEnumerable<string>)pruned.Properties["Removed"].Value!);
        Assert.Equal(size, pruned.Properties["SpaceReclaimed"].Value);
        Assert.Equal(new[] { tagged, used }.Order(), Remaining(batch));
    }

    [SkippableFact]
    public void AllRemovesEveryUnusedImageWithAllItsNames()
    {
        TestEngine.SkipOnPodman("Podman records no parent image, so its prune takes what Docker keeps as another image's parent");
        var batch = NewBatch();
        var tagged = _images.Commit(_images.Reference("pruneall"), $"LABEL {batch}");
        DockerCli.Run("tag", _images.Reference("pruneall"), _images.Reference("pruneall2"));
        var dangling = _images.Commit(null, $"LABEL {batch}");
        var used = _images.Commit(_images.Reference("pruneused"), $"LABEL {batch}");
        _images.Container(used);

        var result = _ps.Run($"Clear-DockerImage -Filter {Only(batch)} -All -Force");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { tagged, dangling }.Order(), ((IEnumerable<string>)Assert.Single(result.Output).Properties["Removed"].Value!).Order());
        Assert.Equal(new[] { used }, Remaining(batch));
        Assert.Empty(DockerCli.Lines("images", "-q", _images.Reference("pruneall2")));
    }

    [SkippableFact]
    public void AnImageAnotherIsBuiltOnStays()
    {
        TestEngine.SkipOnPodman("Podman records no parent image, so its prune takes what Docker keeps as another image's parent");
        var batch = NewBatch();
        var parent = _images.Commit(_images.Reference("pruneparent"), $"LABEL {batch}");
        // The child's container goes at once: an image a container uses is not a candidate anyway.
        var container = $"img-child-{fixture.RunId}";
        DockerCli.Run([.. new[] { "create", "--name", container }, .. fixture.LabelArgs, _images.Reference("pruneparent"), "true"]);
        var child = DockerCli.Commit(container, null);
        _images.Track(child);
        DockerCli.Run("rm", container);

        var result = _ps.Run($"Clear-DockerImage -Filter {Only(batch)} -All -Force");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { child }, (IEnumerable<string>)Assert.Single(result.Output).Properties["Removed"].Value!);
        Assert.Equal(new[] { parent }, Remaining(batch));
    }

    [Theory]
    [InlineData("-WhatIf")]
    [InlineData("-WhatIf -Force")]
    public void WhatIfListsTheImagesAndRemovesNone(string switches)
    {
        var batch = NewBatch();
        var dangling = _images.Commit(null, $"LABEL {batch}");
        var before = Remaining(batch);

        var result = _ps.Run($"Clear-DockerImage -Filter {Only(batch)} {switches}");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(before, Remaining(batch));
        var whatIf = result.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToArray();
        Assert.Equal($"What if: Performing the operation \"Remove dangling image\" on target \"{dangling[7..19]}\".", Assert.Single(whatIf).Trim());
    }

    [Fact]
    public void UntilKeepsNewerImages()
    {
        var batch = NewBatch();
        var dangling = _images.Commit(null, $"LABEL {batch}");

        var result = _ps.Run($"Clear-DockerImage -Filter {Only(batch, "; until = '1h'")} -Force");

        Assert.Empty(result.Errors);
        Assert.Empty((IEnumerable<string>)Assert.Single(result.Output).Properties["Removed"].Value!);
        Assert.Equal(new[] { dangling }, Remaining(batch));
    }

    [Fact]
    public void BadFiltersStopBeforeAnyRemoval()
    {
        var batch = NewBatch();
        var dangling = _images.Commit(null, $"LABEL {batch}");

        var result = _ps.Run($"Clear-DockerImage -Filter {Only(batch, "; dangling = 'true'")} -Force");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidFilter,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(new[] { dangling }, Remaining(batch));
    }
}
