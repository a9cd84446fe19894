using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Clear-DockerVolume, checked with <c>docker volume ls</c> and compared with <c>docker volume prune</c>. Other test
/// runs share the engine: every prune here is limited by this run's label and a batch label of its own.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class VolumePruneTests(EngineFixture fixture)
{
    private const string Cmdlet = "DockerPS.Commands.ClearDockerVolumeCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    private static string NewBatch() => $"dps.prune={Guid.NewGuid():N}";

    /// <summary>The -Filter that limits a prune to this run's volumes of one batch.</summary>
    private string Only(string batch, string? more = null) =>
        $"@{{ label = '{EngineFixture.Label}={fixture.RunId}', '{batch}'{more} }}";

    /// <summary>A named volume of this run and batch; one a (created) container uses when <paramref name="used"/>.</summary>
    private string Volume(string batch, bool used = false, params string[] labels)
    {
        var name = $"dps-prune-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "volume", "create", "--label", $"{EngineFixture.Label}={fixture.RunId}", "--label", batch },
            .. labels.SelectMany(l => new[] { "--label", l }), name]);
        if (used)
        {
            DockerCli.Run([.. new[] { "create" }, .. fixture.LabelArgs, "-v", $"{name}:/data", TestEnvironment.Image, "true"]);
        }
        return name;
    }

    private static string[] Remaining(string batch) => DockerCli.Lines("volume", "ls", "-q", "--filter", $"label={batch}").Order().ToArray();

    /// <summary>Named volumes are pruned without -All only by engines that cannot tell them from anonymous ones.</summary>
    private static bool PrunesNamedVolumes() => new Version(DockerCli.Run("version", "--format", "{{.Server.APIVersion}}").Trim()) < new Version(1, 42);

    [Fact]
    public void RemovesExactlyTheUnusedVolumesThatMatchAndReportsThem()
    {
        var batch = NewBatch();
        var unused = Volume(batch);
        var used = Volume(batch, used: true);
        var other = Volume(NewBatch());
        DockerCli.Run("run", "--rm", "-v", $"{unused}:/data", TestEnvironment.Image, "dd", "if=/dev/zero", "of=/data/f", "bs=1024", "count=100");

        var result = _ps.Run($"Clear-DockerVolume -Filter {Only(batch)} -All -Force");

        Assert.Empty(result.Errors);
        var pruned = Assert.Single(result.Output);
        Assert.Equal("DockerPS.PruneResult", pruned.BaseObject.GetType().FullName);
        Assert.Equal(new[] { unused }, (IEnumerable<string>)pruned.Properties["Removed"].Value!);
        Assert.Equal(100L * 1024, pruned.Properties["SpaceReclaimed"].Value);
        Assert.Equal(new[] { used }, Remaining(batch));
        Assert.True(DockerCli.Lines("volume", "ls", "-q").Contains(other));
    }

    [Fact]
    public void WithoutAllNamedVolumesGoOnlyWhereTheEngineCannotTellThemApart()
    {
        var batch = NewBatch();
        var named = Volume(batch);

        var result = _ps.Run($"Clear-DockerVolume -Filter {Only(batch)} -Force");

        Assert.Empty(result.Errors);
        var removed = (IEnumerable<string>)Assert.Single(result.Output).Properties["Removed"].Value!;
        Assert.Equal(PrunesNamedVolumes() ? new[] { named } : [], removed);
        Assert.Equal(PrunesNamedVolumes() ? [] : new[] { named }, Remaining(batch));
    }

    [Theory]
    [InlineData("'keep'")]
    [InlineData("'keep', 'tier=db'")]
    public void FiltersMeanWhatTheyMeanToDockerVolumePrune(string notLabels)
    {
        // Two batches of the same shape: docker volume prune takes one, Clear-DockerVolume the other.
        var shape = new[] { new string[0], ["keep"], ["keep", "tier=db"], ["tier=db"], ["tier=web"] };
        var (cliBatch, ourBatch) = (NewBatch(), NewBatch());
        var cliVolumes = shape.Select(labels => Volume(cliBatch, false, labels)).ToArray();
        var ourVolumes = shape.Select(labels => Volume(ourBatch, false, labels)).ToArray();
        var notArgs = notLabels.Split(", ").SelectMany(l => new[] { "--filter", $"label!={l.Trim('\'')}" });
        // docker volume prune of API 1.42 and later needs --all for named volumes; older CLIs do not know the flag.
        var all = PrunesNamedVolumes() ? Array.Empty<string>() : ["--all"];

        DockerCli.Run([.. new[] { "volume", "prune", "--force", "--filter", $"label={EngineFixture.Label}={fixture.RunId}", "--filter", $"label={cliBatch}" }, .. all, .. notArgs]);
        var result = _ps.Run($"Clear-DockerVolume -Filter {Only(ourBatch, $"; 'label!' = {notLabels}")} -All -Force");

        Assert.Empty(result.Errors);
        var cliKept = Enumerable.Range(0, shape.Length).Where(i => Remaining(cliBatch).Contains(cliVolumes[i]));
        var ourKept = Enumerable.Range(0, shape.Length).Where(i => Remaining(ourBatch).Contains(ourVolumes[i]));
        Assert.Equal(cliKept, ourKept);
        Assert.NotEmpty(ourKept);
        Assert.NotEqual(shape.Length, ourKept.Count());
    }

    [Theory]
    [InlineData("-WhatIf")]
    [InlineData("-WhatIf -Force")]
    public void WhatIfListsTheVolumesAndRemovesNone(string switches)
    {
        var batch = NewBatch();
        var unused = Volume(batch);
        Volume(batch, used: true);
        var before = Remaining(batch);

        var result = _ps.Run($"Clear-DockerVolume -Filter {Only(batch)} -All {switches}");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(before, Remaining(batch));
        var whatIf = result.HostText.Split('\n').Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToArray();
        Assert.Equal($"What if: Performing the operation \"Remove unused volume\" on target \"{unused} (0B)\".", Assert.Single(whatIf).Trim());
    }

    [Fact]
    public void AsksBeforeRemovingUnlessForced()
    {
        var batch = NewBatch();
        var unused = Volume(batch);

        // This host takes no input: asking fails the command, and nothing is removed.
        var asked = _ps.Run($"Clear-DockerVolume -Filter {Only(batch)} -All");

        Assert.Contains("takes no input", Assert.Single(asked.Errors).Exception.Message);
        Assert.Equal(new[] { unused }, Remaining(batch));
    }

    [Theory]
    [InlineData("; until = '1h'")]
    [InlineData("; dangling = 'true'")]
    public void BadFiltersStopBeforeAnyRemoval(string more)
    {
        var batch = NewBatch();
        var unused = Volume(batch);

        var result = _ps.Run($"Clear-DockerVolume -Filter {Only(batch, more)} -All -Force");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidFilter,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Equal(new[] { unused }, Remaining(batch));
    }
}
