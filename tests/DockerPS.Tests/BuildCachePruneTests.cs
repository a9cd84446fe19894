using System.Formats.Tar;
using System.Text;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Clear-DockerBuildCache, and the build cache in Clear-DockerSystem, against the engine's build cache. The classic
/// builder leaves none, so each test makes some with a BuildKit build of a context of its own (records no one else has)
/// and prunes only those, by an id filter: other test runs share the engine.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class BuildCachePruneTests(EngineFixture fixture) : IDisposable
{
    private const string Cmdlet = "DockerPS.Commands.ClearDockerBuildCacheCommand";
    private const string NoBuildCache = "Podman 4.3 has no build cache (buildah caches in images) and no /build/prune endpoint";

    private readonly PowerShellSession _ps = fixture.Session;
    private readonly List<string> _images = [];

    public void Dispose()
    {
        foreach (var image in _images)
        {
            try
            {
                DockerCli.Run("rmi", "-f", image);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>The engine's build cache records, id to size, as Get-DockerDiskUsage -Detail lists them.</summary>
    private Dictionary<string, long> Records()
    {
        var result = _ps.Run("Get-DockerDiskUsage -Detail | Where-Object Type -eq BuildCache");
        Assert.Empty(RunResult.Described(result.Errors));
        return result.Output.ToDictionary(o => (string)o.Properties["Id"].Value, o => (long)o.Properties["Size"].Value);
    }

    /// <summary>
    /// Build cache records of this test's own: a BuildKit build of a context whose file no other build has. Returns
    /// their ids (those the build added) as a regular expression for the id filter, and the ids.
    /// </summary>
    private (string Pattern, string[] Ids) NewCache()
    {
        var before = Records().Keys.ToHashSet();
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            void Add(string name, string text) =>
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
            Add("Dockerfile", $"FROM {TestEnvironment.Image}\nLABEL {EngineFixture.Label}={fixture.RunId}\nCOPY unique.txt /unique.txt\n");
            Add("unique.txt", Guid.NewGuid().ToString("N") + new string('x', 20_000));
        }
        _images.Add(DockerCli.BuildWithBuildKit(tar.ToArray()));
        var ids = Records().Keys.Where(id => !before.Contains(id)).ToArray();
        Assert.NotEmpty(ids);
        return (string.Join('|', ids), ids);
    }

    [SkippableFact]
    public void PruneRemovesTheCacheOfABuildAndSaysWhatWentAndTheSpace()
    {
        TestEngine.SkipOnPodman(NoBuildCache);
        var (pattern, ours) = NewCache();
        var sizes = Records();
        string Only() => $"-Filter @{{ id = '{pattern}' }}";

        var whatIf = _ps.Run($"Clear-DockerBuildCache -All {Only()} -WhatIf");
        var afterWhatIf = Records();
        // A size to keep larger than the cache keeps all of it: the engine prunes nothing.
        var kept = _ps.Run($"Clear-DockerBuildCache -All {Only()} -KeepStorage 1t -Force -Debug");
        var afterKept = Records();
        var dangling = _ps.Run($"Clear-DockerBuildCache {Only()} -Force");
        var all = _ps.Run($"Clear-DockerBuildCache -All {Only()} -Force");
        var after = Records();

        Assert.Empty(RunResult.Described(whatIf.Errors.Concat(kept.Errors).Concat(dangling.Errors).Concat(all.Errors)));
        Assert.Empty(whatIf.Output);
        Assert.Contains("What if: Performing the operation \"Remove unused build cache (id ", whatIf.HostText);
        Assert.All(ours, id => Assert.Contains(id, afterWhatIf.Keys));

        Assert.Empty((IEnumerable<string>)Assert.Single(kept.Output).Properties["Removed"].Value);
        Assert.All(ours, id => Assert.Contains(id, afterKept.Keys));
        // The API calls the size to keep reserved-space from 1.48, keep-storage before.
        var keep = TestEngine.ApiVersion >= new Version(1, 48) ? "reserved-space=1099511627776" : "keep-storage=1099511627776";
        Assert.Contains(kept.Debug, d => d.Message.Contains("/build/prune?all=1&" + keep, StringComparison.Ordinal));

        // Without -All only the dangling records go (the context's, not the layer the image shares); then the rest.
        var removed = new[] { dangling, all }.SelectMany(r => (IEnumerable<string>)Assert.Single(r.Output).Properties["Removed"].Value).ToArray();
        Assert.NotEmpty((IEnumerable<string>)dangling.Output[0].Properties["Removed"].Value);
        Assert.All(removed, id => Assert.Contains(id, ours));
        Assert.Equal("DockerPS.PruneResult", dangling.Output[0].BaseObject.GetType().FullName);
        Assert.Equal(removed.Sum(id => sizes[id]), new[] { dangling, all }.Sum(r => (long)r.Output[0].Properties["SpaceReclaimed"].Value));
        // The engine's disk usage no longer has them: our records' count and space went down by what was removed.
        Assert.All(removed, id => Assert.DoesNotContain(id, after.Keys));
        Assert.Equal(ours.Length - removed.Length, ours.Count(after.ContainsKey));
        Assert.Equal(ours.Sum(id => sizes[id]) - removed.Sum(id => sizes[id]), ours.Where(after.ContainsKey).Sum(id => after[id]));
    }

    [SkippableFact]
    public void SystemPruneLimitedByLabelsLeavesTheBuildCache()
    {
        TestEngine.SkipOnPodman(NoBuildCache);
        var (_, ours) = NewCache();

        var result = _ps.Run($"Clear-DockerSystem -All -Filter @{{ label = 'dps.none={Guid.NewGuid():N}' }} -Force -Verbose");

        Assert.Empty(RunResult.Described(result.Errors));
        Assert.All(ours, id => Assert.Contains(id, Records().Keys));
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("The build cache is left: it has no labels", StringComparison.Ordinal));
    }

    [Fact]
    public void BadFiltersAndSizesStopBeforeTheEngine()
    {
        var nowhere = "-DockerHost unix:///nonexistent/docker.sock";

        var label = _ps.Run($"Clear-DockerBuildCache -Filter @{{ label = 'app=shop' }} -Force {nowhere}");
        var unknown = _ps.Run($"Clear-DockerBuildCache -Filter @{{ dangling = 'true' }} -Force {nowhere}");
        var notInUse = _ps.Run($"Clear-DockerBuildCache -Filter @{{ inuse = $false }} -Force {nowhere}");
        var size = _ps.Run($"Clear-DockerBuildCache -KeepStorage lots -Force {nowhere}");

        Assert.StartsWith($"InvalidFilter,{Cmdlet}:", Assert.Single(RunResult.Described(label.Errors)));
        Assert.Contains("no labels", label.Errors[0].Exception.Message);
        Assert.StartsWith($"InvalidFilter,{Cmdlet}:", Assert.Single(RunResult.Described(unknown.Errors)));
        Assert.StartsWith($"InvalidFilter,{Cmdlet}:", Assert.Single(RunResult.Described(notInUse.Errors)));
        Assert.StartsWith($"InvalidKeepStorage,{Cmdlet}:", Assert.Single(RunResult.Described(size.Errors)));
    }

    [SkippableFact]
    public void PodmanHasNoBuildCacheToPrune()
    {
        Skip.IfNot(TestEngine.IsPodman, "Docker engines have a build cache (the other tests prune it)");

        var result = _ps.Run("Clear-DockerBuildCache -All -Force");

        Assert.StartsWith($"NotSupportedByEngine,{Cmdlet}:", Assert.Single(RunResult.Described(result.Errors)));
        Assert.Equal(System.Management.Automation.ErrorCategory.NotImplemented, result.Errors[0].CategoryInfo.Category);
        Assert.Empty(result.Output);
        // Its disk usage lists no build cache, so Clear-DockerSystem finds none to prune and never asks for it.
        Assert.Empty(Records());
    }

    [Fact]
    public void SystemPruneWithoutLabelsPrunesTheBuildCacheToo()
    {
        // A prune of everything unused would remove other test runs' objects from the shared engine: a fake engine
        // with nothing else to prune and one build cache record stands in.
        using var plain = TestEnvironment.WithoutTls();
        using var fake = FakeEngine.Answering("1.41", "1.12", new Dictionary<string, string>
        {
            ["/system/df"] = """{"LayersSize":0,"Images":[],"Containers":[],"Volumes":[],"BuildCache":[{"ID":"rec1","Type":"regular","Size":300,"InUse":false,"Shared":false,"LastUsedAt":"2020-01-01T00:00:00Z"},{"ID":"rec2","Type":"regular","Size":5,"InUse":true,"Shared":false}]}""",
            ["/build/prune"] = """{"CachesDeleted":["rec1"],"SpaceReclaimed":300}""",
        });

        var whatIf = _ps.Run($"Clear-DockerSystem -All -WhatIf -DockerHost {fake.Endpoint}");
        var result = _ps.Run($"Clear-DockerSystem -All -Filter @{{ until = '24h' }} -Force -DockerHost {fake.Endpoint}");

        Assert.Empty(RunResult.Described(whatIf.Errors.Concat(result.Errors)));
        Assert.Contains("What if: Performing the operation \"Remove unused build cache\" on target \"rec1\".", whatIf.HostText);
        var pruned = Assert.Single(result.Output);
        Assert.Equal(new[] { "rec1" }, (IEnumerable<string>)pruned.Properties["Removed"].Value);
        Assert.Equal(300L, pruned.Properties["SpaceReclaimed"].Value);
        var prune = Assert.Single(fake.Paths, p => p.StartsWith("/v1.41/build/prune", StringComparison.Ordinal));
        Assert.StartsWith("/v1.41/build/prune?all=1&filters=" + Uri.EscapeDataString("{\"until\":{\""), prune);
    }
}
