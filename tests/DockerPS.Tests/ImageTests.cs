using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ImageTests(EngineFixture fixture)
{
    private const string NotFoundId = "ImageNotFound,DockerPS.Commands.GetDockerImageCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    private static string Row(PSObject o) => $"{o.Properties["Id"].Value}|{o.Properties["Repository"].Value}|{o.Properties["Tag"].Value}";

    [Fact]
    public void ListsTheSameRowsAsDockerImages()
    {
        var cli = DockerCli.Lines("images", "--no-trunc", "--format", "{{.ID}}|{{.Repository}}|{{.Tag}}").Order().ToArray();

        var result = _ps.Run("Get-DockerImage");

        Assert.Empty(result.Errors);
        Assert.Equal(cli, result.Output.Select(Row).Order().ToArray());
        Assert.Contains(result.Output, o => (string)o.Properties["Reference"].Value == fixture.TagB);
    }

    [Fact]
    public void OneImageWithTwoTagsIsTwoRows()
    {
        var repository = fixture.TagA.Split(':')[0];

        var result = _ps.Run($"Get-DockerImage -Name {repository}");

        Assert.Equal(new[] { "one", "two" }, result.Property("Tag").Cast<string>().Order());
        Assert.Single(result.Property("Id").Distinct());
        var image = result.Output[0];
        Assert.Equal("DockerPS.Image", image.BaseObject.GetType().FullName);
        Assert.IsType<long>(image.Properties["Size"].Value);
        Assert.True((long)image.Properties["Size"].Value > 100_000);
        var repoTags = ((System.Collections.IEnumerable)image.Properties["RepoTags"].Value).Cast<string>().ToArray();
        Assert.Contains(fixture.TagA, repoTags);
        Assert.Contains(fixture.TagB, repoTags);
        Assert.Contains(TestEnvironment.Image, repoTags);
    }

    [Fact]
    public void NameTagAndWildcardsMatch()
    {
        Assert.Equal(new[] { fixture.TagB }, _ps.Run($"Get-DockerImage {fixture.TagB}").Property("Reference"));
        Assert.Equal(new[] { fixture.TagA }, _ps.Run($"Get-DockerImage 'dps-test/alpha-{fixture.RunId}' -Tag o*").Property("Reference"));
        Assert.Equal(new[] { fixture.TagA, fixture.TagB }, _ps.Run($"Get-DockerImage 'dps-test/*{fixture.RunId}*'").Property("Reference").Cast<string>().Order());
    }

    [Fact]
    public void IdMatchesByPrefixWithOrWithoutAlgorithm()
    {
        var id = DockerCli.Run("image", "inspect", "--format", "{{.Id}}", fixture.TagA).Trim();

        var bare = _ps.Run($"Get-DockerImage -Id {id[7..19]}");
        var prefixed = _ps.Run($"Get-DockerImage -Id {id[..19]}");

        Assert.Contains(fixture.TagA, bare.Property("Reference"));
        Assert.Equal(bare.Property("Reference"), prefixed.Property("Reference"));
        Assert.All(bare.Property("Id"), i => Assert.Equal(id, i));
    }

    [Fact]
    public void UnknownNamesAreNonTerminatingAndThePipelineGoesOn()
    {
        var result = _ps.Run($"'{fixture.TagA}', 'dps-test/none-{fixture.RunId}:x', '{fixture.TagB}' | Get-DockerImage");

        Assert.Equal(new[] { fixture.TagA, fixture.TagB }, result.Property("Reference"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(NotFoundId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void DanglingImagesAreNoneNone()
    {
        // An import without a name leaves an untagged (dangling) image.
        var layer = Path.GetTempFileName();
        using (var tar = new System.Formats.Tar.TarWriter(File.Create(layer)))
        {
            tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, fixture.RunId));
        }
        // The CLI prints the engine's last status: the id (Podman's as "id: id").
        var id = DockerCli.Run("import", "--change", $"LABEL {EngineFixture.Label}={fixture.RunId}", layer).Trim().Split(' ')[^1];
        File.Delete(layer);
        try
        {
            var result = _ps.Run($"Get-DockerImage -Dangling -Label {EngineFixture.Label}={fixture.RunId}");

            var image = Assert.Single(result.Output);
            Assert.Equal(id, image.Properties["Id"].Value);
            Assert.Equal("<none>", image.Properties["Repository"].Value);
            Assert.Equal("<none>", image.Properties["Tag"].Value);
            Assert.DoesNotContain(_ps.Run("Get-DockerImage -Dangling").Property("Reference"), r => (string?)r == fixture.TagA);
        }
        finally
        {
            DockerCli.Run("rmi", id);
        }
    }

    [Fact]
    public void BadFilterKeyHasItsOwnErrorId()
    {
        var error = Assert.Single(_ps.Run("Get-DockerImage -Filter @{ colour = 'blue' }").Errors);

        Assert.Equal("InvalidFilter,DockerPS.Commands.GetDockerImageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
    }

    [SkippableFact]
    public void FormatsLikeDockerImages()
    {
        TestEngine.SkipOnPodman("Podman's reference filter lists the image's other tags too");
        var result = _ps.Run($"Get-DockerImage {fixture.TagA} | Out-Default");

        var lines = result.HostText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.First(l => l.Contains("REPOSITORY"));
        Assert.Matches(@"REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE", header);
        var cli = DockerCli.Run("images", "--format", "{{.ID}} {{.Size}}", fixture.TagA).Trim().Split(' ');
        var row = Assert.Single(lines, l => l.Contains($"alpha-{fixture.RunId}"));
        Assert.Contains(cli[0], row);
        Assert.EndsWith(cli[1], row.TrimEnd());
    }

    [Fact]
    public void ReferencesComplete()
    {
        var names = Completion.Complete(_ps, $"Get-DockerImage dps-test/alpha-{fixture.RunId}:");

        Assert.Equal(new[] { fixture.TagA, fixture.TagB }, names);
    }

    [Fact]
    public void IdsCompleteShortWithoutAlgorithm()
    {
        var id = DockerCli.Run("image", "inspect", "--format", "{{.Id}}", fixture.TagA).Trim();

        Assert.Equal(new[] { id[7..19] }, Completion.Complete(_ps, $"Get-DockerImage -Id {id[7..13]}"));
    }
}
