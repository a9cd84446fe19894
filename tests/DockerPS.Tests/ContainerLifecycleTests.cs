using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Start, stop, kill, restart, pause, resume, rename, remove and wait, checked on the engine with the docker CLI.</summary>
[Collection(EngineCollection.Name)]
public sealed class ContainerLifecycleTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    private static string State(string container) => DockerCli.Run("inspect", "--format", "{{.State.Status}}", container).Trim();

    [Fact]
    public void StartStartsNamedAndPipedContainersAndGoesOnPastAnUnknownOne()
    {
        var a = fixture.CliContainer(false, "sleep", "60");
        var b = fixture.CliContainer(false, "sleep", "60");

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | Start-DockerContainer -PassThru");

        Assert.Equal(new[] { a, b }, result.Property("Name"));
        Assert.Equal(new[] { "running", "running" }, result.Property("State"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ContainerNotFound,DockerPS.Commands.StartDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
        Assert.Equal("running", State(a));
        Assert.Equal("running", State(b));
    }

    [Fact]
    public void StartWithWhatIfChangesNothing()
    {
        var a = fixture.CliContainer(false, "sleep", "60");

        var result = _ps.Run($"Get-DockerContainer {a} | Start-DockerContainer -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal("created", State(a));
    }

    [Fact]
    public void StartExpandsWildcardsAndTakesIds()
    {
        var a = fixture.CliContainer(false, "sleep", "60");
        var id = DockerCli.Run("inspect", "--format", "{{.Id}}", a).Trim();

        Assert.Empty(_ps.Run($"Start-DockerContainer -Id {id[..12]}").Errors);
        Assert.Equal("running", State(a));
        DockerCli.Run("stop", "-t", "0", a);

        var result = _ps.Run($"Start-DockerContainer '{a[..8]}*{fixture.RunId}' -PassThru");
        Assert.Equal(new[] { a }, result.Property("Name"));
        Assert.Equal("running", State(a));
    }
}
