using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Clear-DockerSystem, checked with the docker CLI. Other test runs share the engine: every prune here is limited by
/// this run's label and a batch label of its own.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SystemPruneTests(EngineFixture fixture)
{
    private const string Cmdlet = "DockerPS.Commands.ClearDockerSystemCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    private sealed record Batch(string Label, string Container, string Network, string Volume, string Image);

    /// <summary>A stopped container, an unused network, an unused volume and a dangling image, all labelled with a batch of their own.</summary>
    private Batch NewBatch()
    {
        var label = $"dps.sys={Guid.NewGuid():N}";
        var suffix = $"{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        string[] labels = [.. fixture.LabelArgs, "--label", label];
        var container = $"dps-sys-{suffix}";
        DockerCli.Run([.. new[] { "create", "--name", container }, .. labels, TestEnvironment.Image, "true"]);
        var network = $"dps-sys-net-{suffix}";
        DockerCli.Run([.. new[] { "network", "create" }, .. labels, network]);
        var volume = $"dps-sys-vol-{suffix}";
        DockerCli.Run([.. new[] { "volume", "create" }, .. labels, volume]);
        // Committed without a name: a dangling image, labelled like the rest.
        var image = DockerCli.Run("commit", "--change", $"LABEL {EngineFixture.Label}={fixture.RunId} {label}", container).Trim();
        return new(label, container, network, volume, image);
    }

    /// <summary>Removes what is left of batches, so this run's other tests (its dangling images, say) do not see them.</summary>
    private static void Remove(params Batch[] batches)
    {
        foreach (var batch in batches)
        {
            Succeeds("rm", "-f", batch.Container);
            Succeeds("network", "rm", batch.Network);
            Succeeds("volume", "rm", batch.Volume);
            Succeeds("rmi", "-f", batch.Image);
        }
    }

    private string Only(Batch batch) => $"@{{ label = '{EngineFixture.Label}={fixture.RunId}', '{batch.Label}' }}";

    /// <summary>Runs a docker command; false when it fails (the object is not there).</summary>
    private static bool Succeeds(params string[] args)
    {
        try
        {
            DockerCli.Run(args);
            return true;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return false;
        }
    }

    private static string[] Left(Batch batch) => new[]
    {
        Succeeds("container", "inspect", batch.Container) ? "container" : null,
        Succeeds("network", "inspect", batch.Network) ? "network" : null,
        Succeeds("volume", "inspect", batch.Volume) ? "volume" : null,
        Succeeds("image", "inspect", batch.Image) ? "image" : null,
    }.OfType<string>().ToArray();

    [Fact]
    public void RemovesExactlyTheLabelledObjectsAndReportsThem()
    {
        var (batch, other) = (NewBatch(), NewBatch());
        var containerId = DockerCli.Run("inspect", "--format", "{{.Id}}", batch.Container).Trim();
        try
        {
            var result = _ps.Run($"Clear-DockerSystem -Volumes -Filter {Only(batch)} -Force");

            Assert.Empty(result.Errors);
            var pruned = Assert.Single(result.Output);
            Assert.Equal("DockerPS.PruneResult", pruned.BaseObject.GetType().FullName);
            Assert.Equal(new[] { containerId, batch.Network, batch.Volume, batch.Image }.Order(), ((IEnumerable<string>)pruned.Properties["Removed"].Value!).Order());
            Assert.Empty(Left(batch));
            Assert.Equal(new[] { "container", "network", "volume", "image" }, Left(other));
        }
        finally
        {
            Remove(batch, other);
        }
    }

    [Fact]
    public void WithoutVolumesTheVolumesStay()
    {
        var batch = NewBatch();
        try
        {
            var result = _ps.Run($"Clear-DockerSystem -Filter {Only(batch)} -Force");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "volume" }, Left(batch));
        }
        finally
        {
            Remove(batch);
        }
    }

    [Fact]
    public void WhatIfListsWhatWouldGoAndRemovesNothing()
    {
        var batch = NewBatch();
        try
        {
            var result = _ps.Run($"Clear-DockerSystem -Volumes -Filter {Only(batch)} -WhatIf");

            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Contains(batch.Container, result.HostText);
            Assert.Contains(batch.Network, result.HostText);
            Assert.Contains(batch.Volume, result.HostText);
            Assert.Equal(new[] { "container", "network", "volume", "image" }, Left(batch));
        }
        finally
        {
            Remove(batch);
        }
    }

    [Fact]
    public void BadFiltersStopBeforeAnythingIsRemoved()
    {
        var batch = NewBatch();
        try
        {
            var result = _ps.Run($"Clear-DockerSystem -Force -Filter @{{ colour = 'red' }}; Clear-DockerSystem -Volumes -Force -Filter @{{ until = '1h'; label = '{batch.Label}' }}");

            Assert.Equal(new[] { $"InvalidFilter,{Cmdlet}", $"InvalidFilter,{Cmdlet}" }, result.ErrorIds);
            Assert.Equal(new[] { "container", "network", "volume", "image" }, Left(batch));
        }
        finally
        {
            Remove(batch);
        }
    }
}
