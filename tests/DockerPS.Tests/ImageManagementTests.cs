using System.Collections;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Get-DockerImage -Detail, Add-DockerImageTag, Remove-DockerImage and Get-DockerImageHistory against the real
/// engine, each checked with the docker CLI. Every test works on images of its own (see <see cref="TestImages"/>).
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ImageManagementTests(EngineFixture fixture) : IDisposable
{
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly TestImages _images = new(fixture);

    public void Dispose() => _images.Dispose();

    private string Unknown => $"dps-test/none-{fixture.RunId}:x";

    private static string Inspect(string image, string format) => DockerCli.Run("image", "inspect", "--format", format, image).Trim();

    private static bool Exists(string image) => DockerCli.Lines("images", "-q", image).Length > 0;

    private static string[] Strings(object? value) => ((IEnumerable)value!).Cast<object>().Select(v => v.ToString()!).ToArray();

    [Fact]
    public void DetailInspectsEachImageOnceWithItsConfiguration()
    {
        var reference = _images.Reference("detail");
        var id = _images.Commit(reference, "ENV A=1", """CMD ["sh", "-c", "true"]""", "WORKDIR /work", "EXPOSE 8080", "USER nobody", "LABEL dps.detail=yes");
        DockerCli.Run("tag", reference, _images.Reference("detail2"));

        var result = _ps.Run($"Get-DockerImage {reference}, {_images.Reference("detail2")} -Detail");

        Assert.Empty(result.Errors);
        var detail = Assert.Single(result.Output);
        Assert.Equal("DockerPS.ImageDetail", detail.BaseObject.GetType().FullName);
        Assert.Equal(id, detail.Properties["Id"].Value);
        Assert.Equal(new[] { reference, _images.Reference("detail2") }.Order(), Strings(detail.Properties["RepoTags"].Value).Order());
        Assert.Equal(Inspect(reference, "{{.Parent}}"), detail.Properties["Parent"].Value);
        Assert.Equal(Inspect(reference, "{{.Os}}/{{.Architecture}}"), $"{detail.Properties["Os"].Value}/{detail.Properties["Architecture"].Value}");
        Assert.Equal(long.Parse(Inspect(reference, "{{.Size}}")), detail.Properties["Size"].Value);
        Assert.Equal(Inspect(reference, "{{range .RootFS.Layers}}{{.}} {{end}}").Split(' ', StringSplitOptions.RemoveEmptyEntries), Strings(detail.Properties["Layers"].Value));
        // Config is a hidden script property: read it where a runspace is, as users do.
        var config = Assert.Single(_ps.Run($"(Get-DockerImage {reference} -Detail).Config").Output);
        Assert.Contains("A=1", Strings(config.Properties["Env"].Value));
        Assert.Equal(new[] { "sh", "-c", "true" }, Strings(config.Properties["Cmd"].Value));
        Assert.Equal("/work", config.Properties["WorkingDir"].Value);
        Assert.Equal("nobody", config.Properties["User"].Value);
        Assert.Contains("8080/tcp", Strings(((IDictionary)config.Properties["ExposedPorts"].Value!).Keys));
        Assert.Equal("yes", ((IDictionary)detail.Properties["Labels"].Value!)["dps.detail"]);
    }

    [Fact]
    public void DetailFormatsAsATable()
    {
        var reference = _images.Reference("detailtable");
        var id = _images.Commit(reference);

        var result = _ps.Run($"Get-DockerImage {reference} -Detail | Out-Default");

        var lines = result.HostText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"IMAGE ID\s+TAGS\s+PLATFORM\s+CREATED\s+SIZE", lines.First(l => l.Contains("IMAGE ID")));
        Assert.Contains(lines, l => l.StartsWith(id[7..19], StringComparison.Ordinal) && l.Contains(reference) && l.Contains("linux/"));
    }

    [Fact]
    public void TagAddsNamesAndPassThruWritesThem()
    {
        var source = _images.Reference("tagsrc");
        var id = _images.Commit(source);
        var repository = $"dps-test/tagged-{fixture.RunId}";

        var result = _ps.Run($"Add-DockerImageTag {source} -Tag {repository}:one, {repository} -PassThru");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { $"{repository}:one", $"{repository}:latest" }, result.Property("Reference"));
        Assert.All(result.Output, o => Assert.Equal("DockerPS.Image", o.BaseObject.GetType().FullName));
        Assert.Contains(source, Strings(result.Output[0].Properties["RepoTags"].Value));
        Assert.Equal(id, Inspect($"{repository}:one", "{{.Id}}"));
        Assert.Equal(id, Inspect($"{repository}:latest", "{{.Id}}"));
    }

    [Fact]
    public void TagThreePipedWithTheMiddleUnknownTagsTwoAndReportsOne()
    {
        var a = _images.Reference("tagpipea");
        var b = _images.Reference("tagpipeb");
        _images.Commit(a);
        var idB = _images.Commit(b);
        var target = _images.Reference("tagpipe");

        var result = _ps.Run($"@(Get-DockerImage {a}; '{Unknown}'; Get-DockerImage {b}) | Add-DockerImageTag -Tag {target} -PassThru");

        Assert.Equal(2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ImageNotFound,DockerPS.Commands.AddDockerImageTagCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(Unknown, error.TargetObject);
        // The last one piped holds the name in the end.
        Assert.Equal(idB, Inspect(target, "{{.Id}}"));
    }

    [Theory]
    [InlineData("'Bad/Name'")]
    [InlineData("'{ok}', 'app:-bad'")]
    [InlineData("'app@sha256:abc'")]
    public void BadTagsStopBeforeAnyTagging(string tags)
    {
        var source = _images.Reference("badtag");
        _images.Commit(source);

        var ok = $"dps-test/ok-{fixture.RunId}";

        var result = _ps.Run($"Add-DockerImageTag {source} -Tag {tags.Replace("{ok}", ok)}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidReference,DockerPS.Commands.AddDockerImageTagCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.False(Exists(ok));
        Assert.Equal($"[\"{source}\"]", Inspect(source, "{{json .RepoTags}}"));
    }

    [Fact]
    public void TagWhatIfTagsNothing()
    {
        var source = _images.Reference("tagwhatif");
        _images.Commit(source);

        var result = _ps.Run($"Add-DockerImageTag {source} {_images.Reference("tagwhatif2")} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Contains($"What if: Performing the operation \"Tag image as {_images.Reference("tagwhatif2")}\" on target \"{source}\".", result.HostText);
        Assert.False(Exists(_images.Reference("tagwhatif2")));
    }

    [Fact]
    public void RemoveThreePipedWithTheMiddleUnknownRemovesTwoAndReportsOne()
    {
        var a = _images.Reference("rma");
        var b = _images.Reference("rmb");
        var idA = _images.Commit(a);
        var idB = _images.Commit(b);

        var result = _ps.Run($"'{a}', '{Unknown}', '{b}' | Remove-DockerImage");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ImageNotFound,DockerPS.Commands.RemoveDockerImageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(Unknown, error.TargetObject);
        var left = DockerCli.Lines("images", "-aq", "--no-trunc");
        Assert.DoesNotContain(idA, left);
        Assert.DoesNotContain(idB, left);
    }

    [Fact]
    public void RemovePassThruWritesWhatTheEngineUntaggedAndDeleted()
    {
        var reference = _images.Reference("rmpass");
        var id = _images.Commit(reference);

        var result = _ps.Run($"Get-DockerImage {reference} | Remove-DockerImage -PassThru");

        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("DockerPS.ImageRemoval", o.BaseObject.GetType().FullName));
        Assert.Contains(reference, result.Property("Untagged"));
        Assert.Contains(id, result.Property("Deleted"));
        Assert.False(Exists(reference));
    }

    [Fact]
    public void RemoveByPipedDetailUsesTheId()
    {
        var reference = _images.Reference("rmid");
        var id = _images.Commit(reference);

        var result = _ps.Run($"Get-DockerImage {reference} -Detail | Remove-DockerImage");

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(id, DockerCli.Lines("images", "-aq", "--no-trunc"));
    }

    [Fact]
    public void AnImageAContainerUsesStaysUnlessForced()
    {
        var reference = _images.Reference("rmused");
        var id = _images.Commit(reference);
        _images.Container(reference);

        var refused = _ps.Run($"Remove-DockerImage {reference}");

        var error = Assert.Single(refused.Errors);
        Assert.Equal("ImageInUse,DockerPS.Commands.RemoveDockerImageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Equal(reference, error.TargetObject);
        Assert.True(Exists(reference));

        var forced = _ps.Run($"Remove-DockerImage {reference} -Force");

        Assert.Empty(forced.Errors);
        Assert.False(Exists(reference));
        // As with docker rmi -f: a stopped container does not keep the image.
        Assert.DoesNotContain(id, DockerCli.Lines("images", "-aq", "--no-trunc"));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void UntaggedParentsGoWithTheImageUnlessNoPrune(bool noPrune)
    {
        TestEngine.SkipOnPodman("Podman records no parent image, so removing an image leaves its untagged parent");
        var parent = _images.Commit(null);
        var container = $"img-parent-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "create", "--name", container }, .. fixture.LabelArgs, parent, "true"]);
        var child = _images.Reference(noPrune ? "noprune" : "prune");
        _images.Track(DockerCli.Commit(container, child));
        DockerCli.Run("rm", container);

        var result = _ps.Run($"Remove-DockerImage {child}{(noPrune ? " -NoPrune" : "")} -PassThru");

        Assert.Empty(result.Errors);
        Assert.Equal(noPrune, DockerCli.Lines("images", "-aq", "--no-trunc").Contains(parent));
        Assert.Equal(!noPrune, result.Property("Deleted").Contains(parent));
    }

    [Fact]
    public void RemoveWildcardsAndWhatIf()
    {
        var a = _images.Reference("rmwild-a");
        var b = _images.Reference("rmwild-b");
        _images.Commit(a);
        _images.Commit(b);
        var pattern = $"dps-test/rmwild-*-{fixture.RunId}*";

        var whatIf = _ps.Run($"Remove-DockerImage '{pattern}' -WhatIf");

        Assert.Empty(whatIf.Errors);
        Assert.Equal(2, whatIf.HostText.Split('\n').Count(l => l.StartsWith("What if: Performing the operation \"Remove image\"", StringComparison.Ordinal)));
        Assert.True(Exists(a) && Exists(b));

        var removed = _ps.Run($"Remove-DockerImage '{pattern}'");

        Assert.Empty(removed.Errors);
        Assert.False(Exists(a) || Exists(b));
    }

    [Fact]
    public void HistoryListsTheStepsAsDockerHistoryDoes()
    {
        var reference = _images.Reference("history");
        var id = _images.Commit(reference, "ENV H=1");

        var result = _ps.Run($"Get-DockerImageHistory {reference}");

        Assert.Empty(result.Errors);
        Assert.All(result.Output, o => Assert.Equal("DockerPS.ImageHistoryItem", o.BaseObject.GetType().FullName));
        // Ids as Docker gives them, with sha256: (Podman's history leaves it out; DockerPS puts it back).
        var cli = DockerCli.Lines("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Comment}}", reference)
            .Select(l => l.StartsWith("sha256:", StringComparison.Ordinal) || l.StartsWith("<missing>", StringComparison.Ordinal) ? l : "sha256:" + l);
        // Comments are the engine's free text, which the CLI's output is read with familiar names (Podman's name the base image).
        Assert.Equal(cli, result.Output.Select(o => DockerCli.InFamiliarNames($"{o.Properties["Id"].Value ?? "<missing>"}|{o.Properties["CreatedBy"].Value}|{o.Properties["Comment"].Value}")));
        Assert.Equal(id, result.Output[0].Properties["Id"].Value);
        Assert.All(result.Output, o => Assert.Equal(reference, o.Properties["Image"].Value));
        // Podman's history names no tags.
        Assert.Equal(!TestEngine.IsPodman, Strings(result.Output[0].Properties["Tags"].Value).Contains(reference));
        Assert.IsType<long>(result.Output[0].Properties["Size"].Value);
    }

    [Fact]
    public void HistoryOfThreePipedWithTheMiddleUnknown()
    {
        var a = _images.Reference("hista");
        var b = _images.Reference("histb");
        _images.Commit(a);
        _images.Commit(b);

        var result = _ps.Run($"'{a}', '{Unknown}', '{b}' | Get-DockerImageHistory");

        var expected = DockerCli.Lines("history", "-q", "--no-trunc", a).Length + DockerCli.Lines("history", "-q", "--no-trunc", b).Length;
        Assert.Equal(expected, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ImageNotFound,DockerPS.Commands.GetDockerImageHistoryCommand", error.FullyQualifiedErrorId);
        Assert.Equal(Unknown, error.TargetObject);
    }

    [Fact]
    public void HistoryOfAnImageWithTwoTagsIsWrittenOnceSayingWhichImage()
    {
        var first = _images.Reference("histfirst");
        var second = _images.Reference("histsecond");
        var other = _images.Reference("histother");
        _images.Commit(first);
        DockerCli.Run("tag", first, second);
        _images.Commit(other, "ENV OTHER=1");

        // Get-DockerImage writes one row per tag: three rows, two images.
        var result = _ps.Run($"Get-DockerImage {first}, {second}, {other} | Get-DockerImageHistory");
        var shown = _ps.Run($"Get-DockerImage {first}, {second}, {other} | Get-DockerImageHistory | Out-Default");

        Assert.Empty(result.Errors);
        var steps = DockerCli.Lines("history", "-q", "--no-trunc", first).Length;
        Assert.Equal(steps + DockerCli.Lines("history", "-q", "--no-trunc", other).Length, result.Output.Count);
        Assert.Equal(Enumerable.Repeat(first, steps).Concat(Enumerable.Repeat(other, result.Output.Count - steps)), result.Property("Image"));
        var groups = shown.HostText.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Image: ", StringComparison.Ordinal));
        Assert.Equal([$"Image: {first}", $"Image: {other}"], groups);
    }

    [Fact]
    public void HistoryFormatsLikeDockerHistory()
    {
        var reference = _images.Reference("histtable");
        var id = _images.Commit(reference);

        var result = _ps.Run($"Get-DockerImageHistory {reference} | Out-Default");

        Assert.Matches(@"IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT", result.HostText);
        Assert.Contains(result.HostText.Split('\n'), l => l.StartsWith(id[7..19], StringComparison.Ordinal));
    }

    [Fact]
    public void ImageNamesComplete()
    {
        var reference = _images.Reference("complete");
        _images.Commit(reference);

        Assert.Equal(new[] { reference }, Completion.Complete(_ps, $"Remove-DockerImage dps-test/complete-{fixture.RunId}:"));
    }
}
