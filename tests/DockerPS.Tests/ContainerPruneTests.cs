using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Clear-DockerContainer, checked with <c>docker ps</c> and compared with <c>docker container prune</c>. Other test
/// runs share the engine: every prune here is limited by this run's label and a batch label of its own.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerPruneTests(EngineFixture fixture)
{
    private const string Cmdlet = "DockerPS.Commands.ClearDockerContainerCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    /// <summary>A batch label of its own, so a prune here touches only the containers made for one test.</summary>
    private static string NewBatch() => $"dps.prune={Guid.NewGuid():N}";

    /// <summary>The -Filter that limits a prune to this run's containers of one batch.</summary>
    private string Only(string batch, string? more = null) =>
        $"@{{ label = '{EngineFixture.Label}={fixture.RunId}', '{batch}'{more} }}";

    /// <summary>A container of this run and batch: created, exited (after running the command) or running.</summary>
    private string Container(string batch, string state, params string[] labels)
    {
        var name = $"dps-prune-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        var command = state == "running" ? new[] { "sleep", "600" } : ["sh", "-c", "dd if=/dev/zero of=/written bs=1024 count=100 2>/dev/null"];
        DockerCli.Run([.. new[] { state == "running" ? "run" : "create", "--name", name }, .. state == "running" ? new[] { "-d" } : [],
            .. fixture.LabelArgs, "--label", batch, .. labels.SelectMany(l => new[] { "--label", l }), TestEnvironment.Image, .. command]);
        if (state == "exited")
        {
            DockerCli.Run("start", "-a", name);
            // The attached output can end before the engine lists the container as exited (seen on Docker 26 under load).
            DockerCli.Run("wait", name);
        }
        return name;
    }

    private static string[] Remaining(string batch) => DockerCli.Lines("ps", "-a", "--filter", $"label={batch}", "--format", "{{.Names}}").Order().ToArray();

    private static string Id(string container) => DockerCli.Run("inspect", "--format", "{{.Id}}", container).Trim();

    [Fact]
    public void RemovesExactlyTheStoppedContainersThatMatchAndReportsThem()
    {
        var batch = NewBatch();
        var created = Container(batch, "created");
        var exited = Container(batch, "exited");
        var running = Container(batch, "running");
        var otherBatch = NewBatch();
        var other = Container(otherBatch, "exited");
        var written = long.Parse(DockerCli.Run("inspect", "--size", "--format", "{{.SizeRw}}", exited).Trim());
        var expected = new[] { Id(created), Id(exited) }.Order().ToArray();

        var result = _ps.Run($"Clear-DockerContainer -Filter {Only(batch)} -Force");

        Assert.Empty(result.Errors);
        var pruned = Assert.Single(result.Output);
        Assert.Equal("DockerPS.PruneResult", pruned.BaseObject.GetType().FullName);
        Assert.Equal(expected, ((IEnumerable<string>)pruned.Properties["Removed"].Value!).Order());
        Assert.True(written >= 100 * 1024, $"the exited container wrote {written} bytes");
        Assert.Equal(written, pruned.Properties["SpaceReclaimed"].Value);
        Assert.Equal(new[] { running }, Remaining(batch));
        Assert.Equal(new[] { other }, Remaining(otherBatch));
    }

    [Theory]
    [InlineData("'keep'")]
    [InlineData("'keep', 'tier=db'")]
    public void FiltersMeanWhatTheyMeanToDockerContainerPrune(string notLabels)
    {
        // Two batches of the same shape: docker container prune takes one, Clear-DockerContainer the other.
        var shape = new[] { new string[0], ["keep"], ["keep", "tier=db"], ["tier=db"], ["tier=web"] };
        var (cliBatch, ourBatch) = (NewBatch(), NewBatch());
        var cliContainers = shape.Select(labels => Container(cliBatch, "exited", labels)).ToArray();
        var ourContainers = shape.Select(labels => Container(ourBatch, "exited", labels)).ToArray();
        var notArgs = notLabels.Split(", ").SelectMany(l => new[] { "--filter", $"label!={l.Trim('\'')}" });

        DockerCli.Run([.. new[] { "container", "prune", "--force", "--filter", $"label={EngineFixture.Label}={fixture.RunId}", "--filter", $"label={cliBatch}" }, .. notArgs]);
        var result = _ps.Run($"Clear-DockerContainer -Filter {Only(ourBatch, $"; 'label!' = {notLabels}")} -Force");

        Assert.Empty(result.Errors);
        var cliKept = Enumerable.Range(0, shape.Length).Where(i => Remaining(cliBatch).Contains(cliContainers[i]));
        var ourKept = Enumerable.Range(0, shape.Length).Where(i => Remaining(ourBatch).Contains(ourContainers[i]));
        Assert.Equal(cliKept, ourKept);
        Assert.NotEmpty(ourKept);
        Assert.NotEqual(shape.Length, ourKept.Count());
    }

    [Fact]
    public void UntilKeepsContainersCreatedAfterIt()
    {
        var batch = NewBatch();
        var exited = Container(batch, "exited");
        var id = Id(exited);

        var kept = _ps.Run($"Clear-DockerContainer -Filter {Only(batch, "; until = '1h'")} -Force");

        Assert.Empty(kept.Errors);
        Assert.Empty((IEnumerable<string>)Assert.Single(kept.Output).Properties["Removed"].Value!);
        Assert.Equal(new[] { exited }, Remaining(batch));

        var removed = _ps.Run($"Clear-DockerContainer -Filter {Only(batch, "; until = [DateTime]::Now.AddMinutes(1)")} -Force");

        Assert.Empty(removed.Errors);
        Assert.Equal(new[] { id }, (IEnumerable<string>)Assert.Single(removed.Output).Properties["Removed"].Value!);
        Assert.Empty(Remaining(batch));
    }

    [Theory]
    [InlineData("-WhatIf")]
    [InlineData("-WhatIf -Force")]
    public void WhatIfListsTheContainersAndRemovesNone(string switches)
    {
        var batch = NewBatch();
        var created = Container(batch, "created");
        var exited = Container(batch, "exited");
        Container(batch, "running");
        var before = Remaining(batch);

        var result = _ps.Run($"Clear-DockerContainer -Filter {Only(batch)} {switches}");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(before, Remaining(batch));
        var whatIf = result.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, whatIf.Length);
        Assert.Contains(whatIf, l => l.Contains($"\"{created} ({Id(created)[..12]})\""));
        Assert.Contains(whatIf, l => l.Contains($"\"{exited} ({Id(exited)[..12]})\""));
    }

    [Fact]
    public void AsksBeforeRemovingUnlessForcedOrTurnedOff()
    {
        var batch = NewBatch();
        var exited = Container(batch, "exited");

        // This host takes no input: asking fails the command, and nothing is removed.
        var asked = _ps.Run($"Clear-DockerContainer -Filter {Only(batch)}");
        var forcedButConfirmed = _ps.Run($"Clear-DockerContainer -Filter {Only(batch)} -Force -Confirm");

        Assert.Contains("takes no input", Assert.Single(asked.Errors).Exception.Message);
        Assert.Contains("takes no input", Assert.Single(forcedButConfirmed.Errors).Exception.Message);
        Assert.Equal(new[] { exited }, Remaining(batch));

        var confirmedOff = _ps.Run($"Clear-DockerContainer -Filter {Only(batch)} -Confirm:$false");

        Assert.Empty(confirmedOff.Errors);
        Assert.Empty(Remaining(batch));
    }

    [Theory]
    [InlineData("; status = 'exited'")]
    [InlineData("; until = 'soon'")]
    [InlineData("; until = '1h', '2h'")]
    public void BadFiltersStopBeforeAnyRemoval(string more)
    {
        var batch = NewBatch();
        var exited = Container(batch, "exited");

        var result = _ps.Run($"Clear-DockerContainer -Filter {Only(batch, more)} -Force");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidFilter,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Equal(new[] { exited }, Remaining(batch));
    }

    [Fact]
    public void ResultTableShowsIdsAndSpace()
    {
        var batch = NewBatch();
        var exited = Container(batch, "exited");
        var id = Id(exited);

        var text = _ps.Run($"Clear-DockerContainer -Filter {Only(batch)} -Force | Out-Default").HostText;

        Assert.Contains(id, text);
        Assert.Matches(@"Total reclaimed space : 10\dkB", text);
    }
}
