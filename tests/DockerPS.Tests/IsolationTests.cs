using System.Runtime.Loader;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>The module's dependencies live in their own load context, beside other versions the process already has.</summary>
[Collection(EngineCollection.Name)]
public sealed class IsolationTests(EngineFixture fixture)
{
    [Fact]
    public void WorksWithAnotherVersionOfADependencyAlreadyLoaded()
    {
        // TestEnvironment loaded Microsoft.Extensions.Logging.Abstractions 6.0 into the default context before any import.
        Assert.Equal(new Version(6, 0, 0, 0), TestEnvironment.ConflictingDependency.GetName().Version);

        var result = fixture.Session.Run("Get-DockerVersion");

        Assert.Empty(result.Errors);
        Assert.Single(result.Output);
        var ours = AssemblyLoadContext.All.Single(c => c.Name == "DockerPS");
        var loaded = ours.Assemblies.ToDictionary(a => a.GetName().Name!, a => a.GetName().Version);
        Assert.Equal(new Version(8, 0, 0, 0), loaded["Microsoft.Extensions.Logging.Abstractions"]);
        Assert.Contains("Docker.DotNet", loaded.Keys);
        Assert.Contains("DockerPS.Engine", loaded.Keys);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name is "Docker.DotNet" or "DockerPS.Engine");
        Assert.Contains(AssemblyLoadContext.Default.Assemblies, a => a == TestEnvironment.ConflictingDependency);
    }
}
