using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Connect-DockerContainer (docker attach) where no terminal is needed: the output of containers without a console
/// session, and the errors; tests/Pester/Terminal.Tests.ps1 drives the console sessions on a pseudo-terminal.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class AttachTests(EngineFixture fixture)
{
    private const string ConnectCommand = "DockerPS.Commands.ConnectDockerContainerCommand";

    private readonly PowerShellSession _ps = fixture.Session;

    [Fact]
    public void TheOutputComesUntilTheContainerExitsWithItsCode()
    {
        var name = fixture.CliContainer(true, "sh", "-c", "sleep 1; echo one; echo two >&2; echo three; exit 5");

        var result = _ps.Run($"Connect-DockerContainer {name}; $LASTEXITCODE");

        Assert.Equal(new object[] { "one", "three", 5 }, result.Output.Select(o => o.BaseObject));
        Assert.Equal("two", Assert.Single(result.Information, i => i.Tags.Contains("stderr")).MessageData.ToString());
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerExitCode,{ConnectCommand}", error.FullyQualifiedErrorId);
        Assert.Equal(name, error.TargetObject);
    }

    [Fact]
    public void AStoppedContainerIsNotRunning()
    {
        var result = _ps.Run($"Connect-DockerContainer {fixture.ExitedName}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotRunning,{ConnectCommand}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(fixture.ExitedName, error.TargetObject);
        Assert.Contains("Start-DockerContainer", error.Exception.Message);
    }

    [Fact]
    public void APausedContainerIsNotRunningAndTheNextOneIsStillAttached()
    {
        var paused = fixture.CliContainer(true, "sleep", "600");
        DockerCli.Run("pause", paused);
        var next = fixture.CliContainer(true, "sh", "-c", "sleep 1; echo next");

        var result = _ps.Run($"Connect-DockerContainer {paused}, {next}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotRunning,{ConnectCommand}", error.FullyQualifiedErrorId);
        Assert.Contains("paused", error.Exception.Message);
        Assert.Equal("next", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void AnUnknownContainerIsNotFound()
    {
        var result = _ps.Run("Connect-DockerContainer dps-no-such-container");

        Assert.Equal($"ContainerNotFound,{ConnectCommand}", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void AConsoleSessionNeedsATerminal()
    {
        var name = $"cli-tty-{Guid.NewGuid():N}"[..20];
        DockerCli.Run(["run", "-dit", "--name", name, .. fixture.LabelArgs, TestEnvironment.Image, "sh"]);

        var result = _ps.Run($"Connect-DockerContainer {name}");

        Assert.Equal($"TerminalRequired,{ConnectCommand}", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal("running", DockerCli.Run("inspect", "-f", "{{.State.Status}}", name).Trim());
    }

    [Fact]
    public void WhatIfAttachesToNothing()
    {
        var name = fixture.CliContainer(true, "sh", "-c", "sleep 1; echo late");

        var result = _ps.Run($"Connect-DockerContainer {name} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Attach to the container's main process\" on target \"{name}\"", result.HostText);
    }
}
