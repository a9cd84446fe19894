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

    private sealed record Batch(string Label, string Container, string Network, string Volume, string AnonymousVolume, string Image);

    /// <summary>Whether the engine's volume prune removes named volumes too: before API 1.42 it knows no anonymous ones.</summary>
    private static readonly bool PrunesNamedVolumes = TestEngine.ApiVersion < new Version(1, 42);

    /// <summary>
    /// A stopped container, an unused network, an unused named volume, an unused anonymous volume (the engine's own
    /// label marks one; made directly so it carries the batch's label too) and a dangling image, all labelled with a
    /// batch of their own.
    /// </summary>
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
        var anonymous = $"dps-sys-anon-{suffix}";
        DockerCli.Run([.. new[] { "volume", "create", "--label", "com.docker.volume.anonymous=" }, .. labels, anonymous]);
        // Committed without a name: a dangling image, labelled like the rest.
        var image = DockerCli.Commit(container, null, $"LABEL {EngineFixture.Label}={fixture.RunId} {label}");
        return new(label, container, network, volume, anonymous, image);
    }

    /// <summary>Removes what is left of batches, so this run's other tests (its dangling images, say) do not see them.</summary>
    private static void Remove(params Batch[] batches)
    {
        foreach (var batch in batches)
        {
            Succeeds("rm", "-f", batch.Container);
            Succeeds("network", "rm", batch.Network);
            Succeeds("volume", "rm", batch.Volume);
            Succeeds("volume", "rm", batch.AnonymousVolume);
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
        Succeeds("volume", "inspect", batch.AnonymousVolume) ? "anonymous volume" : null,
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
            // As docker system prune --volumes: anonymous volumes only, from API 1.42 on.
            string[] removed = [containerId, batch.Network, batch.AnonymousVolume, batch.Image, .. PrunesNamedVolumes ? [batch.Volume] : Array.Empty<string>()];
            Assert.Equal(removed.Order(), ((IEnumerable<string>)pruned.Properties["Removed"].Value!).Order());
            Assert.Equal(PrunesNamedVolumes ? [] : ["volume"], Left(batch));
            Assert.Equal(new[] { "container", "network", "volume", "anonymous volume", "image" }, Left(other));
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
            Assert.Equal(new[] { "volume", "anonymous volume" }, Left(batch));
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
            Assert.Contains(batch.AnonymousVolume, result.HostText);
            // What it announces is what it would remove: named volumes only where the engine's prune takes them.
            Assert.Equal(PrunesNamedVolumes, result.HostText.Contains(batch.Volume, StringComparison.Ordinal));
            Assert.Equal(new[] { "container", "network", "volume", "anonymous volume", "image" }, Left(batch));
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
            Assert.Equal(new[] { "container", "network", "volume", "anonymous volume", "image" }, Left(batch));
        }
        finally
        {
            Remove(batch);
        }
    }
}
