using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// ConvertTo-DockerImage, checked with <c>docker images</c>, <c>docker image inspect</c> and <c>docker events</c>.
/// Each test removes the images it made, so image tests that list this run's images see only the fixture's.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerCommitTests(EngineFixture fixture) : IDisposable
{
    private const string Cmdlet = "DockerPS.Commands.ConvertToDockerImageCommand";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly HashSet<string> _repositories = [];

    private string Repository(string what)
    {
        var repository = $"dps-test/{what}-{fixture.RunId}";
        _repositories.Add(repository);
        return repository;
    }

    public void Dispose()
    {
        var made = _repositories.SelectMany(r => DockerCli.Lines("images", "--format", "{{.Repository}}:{{.Tag}}", r)).ToArray();
        if (made.Length > 0)
        {
            DockerCli.Run(["rmi", .. made]);
        }
    }

    private static string ImageField(string image, string format) => DockerCli.Run("image", "inspect", "--format", format, image).Trim();

    [Fact]
    public void CommitsWithMessageAuthorAndChangesAndWritesTheImage()
    {
        var a = fixture.CliContainer(true, "sh", "-c", "echo hello > /greeting; sleep 600");
        SpinWait.SpinUntil(() => DockerCli.Lines("diff", a).Contains("A /greeting"), TimeSpan.FromSeconds(30));
        var reference = $"{Repository("commit")}:v1";

        var result = _ps.Run($$"""ConvertTo-DockerImage {{a}} {{reference}} -Message 'first cut' -Author 'Jane <jane@example.com>' -Change 'ENV A=1', 'CMD ["cat", "/greeting"]', 'LABEL dps.commit=yes'""");

        Assert.Empty(result.Errors);
        var image = Assert.Single(result.Output);
        Assert.Equal("DockerPS.Image", image.BaseObject.GetType().FullName);
        Assert.Equal((Repository("commit"), "v1"), ((string)image.Properties["Repository"].Value!, (string)image.Properties["Tag"].Value!));
        Assert.Equal(DockerCli.Run("images", "--no-trunc", "--format", "{{.ID}}", reference).Trim(), image.Properties["Id"].Value);
        Assert.Equal("first cut", ImageField(reference, "{{.Comment}}"));
        Assert.Equal("Jane <jane@example.com>", ImageField(reference, "{{.Author}}"));
        Assert.Contains("A=1", ImageField(reference, "{{json .Config.Env}}"));
        Assert.Equal("""["cat","/greeting"]""", ImageField(reference, "{{json .Config.Cmd}}"));
        Assert.Equal("yes", ImageField(reference, """{{index .Config.Labels "dps.commit"}}"""));
        Assert.Equal("hello", DockerCli.Run([.. new[] { "run", "--rm" }, .. fixture.LabelArgs, reference]).Trim());
    }

    [Fact]
    public void PipedContainerWithoutRepositoryMakesAnUntaggedImage()
    {
        var a = fixture.CliContainer(true, "sleep", "600");

        var result = _ps.Run($"Get-DockerContainer {a} | ConvertTo-DockerImage");

        var image = Assert.Single(result.Output);
        var id = (string)image.Properties["Id"].Value!;
        try
        {
            Assert.Empty(result.Errors);
            Assert.Equal(("<none>", "<none>"), ((string)image.Properties["Repository"].Value!, (string)image.Properties["Tag"].Value!));
            Assert.Equal(id, ImageField(id, "{{.Id}}"));
            // The image keeps the container's command (image inspect names no container from API 1.45 on).
            Assert.Equal("""["sleep","600"]""", ImageField(id, "{{json .Config.Cmd}}"));
        }
        finally
        {
            DockerCli.Run("rmi", id);
        }
    }

    [Fact]
    public void TagCanBeGivenApartAndThePipelineGoesOnPastAnUnknownContainer()
    {
        var a = fixture.CliContainer(true, "sleep", "600");
        var b = fixture.CliContainer(true, "sleep", "600");

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | ForEach-Object {{ ConvertTo-DockerImage $_ -Repository {Repository("each")} -Tag $_ }}");

        Assert.Equal(new[] { a, b }, result.Property("Tag"));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
        Assert.Equal(new[] { a, b }.Order(), DockerCli.Lines("images", "--format", "{{.Tag}}", Repository("each")).Order());
    }

    [SkippableFact]
    public void PausesTheContainerUnlessToldNot()
    {
        TestEngine.SkipOnPodman("Podman's commit does not pause the container");
        var a = fixture.CliContainer(true, "sleep", "600");

        var paused = _ps.Run($"ConvertTo-DockerImage {a} {Repository("paused")}");
        Assert.Empty(paused.Errors);
        Assert.Equal("latest", Assert.Single(paused.Output).Properties["Tag"].Value);
        Assert.Empty(_ps.Run($"ConvertTo-DockerImage {a} {Repository("running")} -Pause $false").Errors);

        Assert.Equal(new[] { "pause", "commit", "commit" }, Events(a, "pause", "commit"));
    }

    /// <summary>The container's events of the last minute; the end is a second ahead, as the engine counts whole seconds.</summary>
    private static string[] Events(string container, params string[] actions) =>
        DockerCli.Lines([.. new[] { "events", "--since", "60s", "--until", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(), "--filter", $"container={container}", "--format", "{{.Action}}" },
            .. actions.SelectMany(a => new[] { "--filter", $"event={a}" })]);

    [Theory]
    [InlineData("-Repository 'Bad/Name'")]
    [InlineData("-Repository 'app:v1' -Tag v2")]
    [InlineData("-Tag v2")]
    [InlineData("-Repository app -Tag '-v2'")]
    public void BadNamesStopBeforeAnyCommit(string arguments)
    {
        var a = fixture.CliContainer(true, "sleep", "600");

        var result = _ps.Run($"ConvertTo-DockerImage {a} {arguments}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidReference,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(Events(a, "commit"));
    }

    [Fact]
    public void ChangesTheEngineCannotApplyAreAnError()
    {
        var a = fixture.CliContainer(true, "sleep", "600");

        var error = Assert.Single(_ps.Run($"ConvertTo-DockerImage {a} {Repository("from")} -Change 'FROM scratch'").Errors);

        Assert.Equal($"InvalidArgument,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(a, error.TargetObject);
        Assert.Empty(DockerCli.Lines("images", "-q", Repository("from")));
    }

    [Fact]
    public void WhatIfCommitsNothing()
    {
        var a = fixture.CliContainer(true, "sleep", "600");

        var result = _ps.Run($"ConvertTo-DockerImage {a} {Repository("whatif")} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Empty(DockerCli.Lines("images", "-q", Repository("whatif")));
    }

    [Fact]
    public void RepositoriesComplete() =>
        Assert.Contains(fixture.TagA, Completion.Complete(_ps, $"ConvertTo-DockerImage web dps-test/alpha-{fixture.RunId}:"));
}
