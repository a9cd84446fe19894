using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Start, stop, kill, restart, pause, resume, rename, remove and wait, checked on the engine with the docker CLI.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
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

        var result = _ps.Run($"Start-DockerContainer '{a[..^fixture.RunId.Length]}*{fixture.RunId}' -PassThru");
        Assert.Equal(new[] { a }, result.Property("Name"));
        Assert.Equal("running", State(a));
    }

    /// <summary>A container of this run in the given state: created, running, paused or exited.</summary>
    private string ContainerIn(string state)
    {
        var name = fixture.CliContainer(state != "created", "sleep", "600");
        if (state == "paused")
        {
            DockerCli.Run("pause", name);
        }
        else if (state == "exited")
        {
            DockerCli.Run("kill", name);
            DockerCli.Run("wait", name);
        }
        return name;
    }

    private static string? StateOrGone(string container) =>
        DockerCli.Lines("ps", "-a", "--filter", $"name=^{container}$", "--format", "{{.State}}").SingleOrDefault() ?? "gone";

    public static TheoryData<string, string, string, string> Changes() => new()
    {
        // cmdlet, arguments, state before, state after
        { "Start-DockerContainer", "", "created", "running" },
        { "Stop-DockerContainer", "-Timeout 0", "running", "exited" },
        { "Stop-DockerContainer", "-Signal SIGKILL", "running", "exited" },
        { "Restart-DockerContainer", "-Timeout 0", "exited", "running" },
        { "Suspend-DockerContainer", "", "running", "paused" },
        { "Resume-DockerContainer", "", "paused", "running" },
        { "Remove-DockerContainer", "", "exited", "gone" },
        { "Remove-DockerContainer", "-Force", "running", "gone" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void ActsOnEachPipedNameAndReportsTheUnknownOne(string cmdlet, string arguments, string before, string after)
    {
        var a = ContainerIn(before);
        var b = ContainerIn(before);

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | {cmdlet} {arguments}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,DockerPS.Commands.{cmdlet.Replace("-", "")}Command", error.FullyQualifiedErrorId);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
        Assert.Equal(after, StateOrGone(a));
        Assert.Equal(after, StateOrGone(b));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void WhatIfChangesNothing(string cmdlet, string arguments, string before, string after)
    {
        var a = ContainerIn(before);

        var result = _ps.Run($"Get-DockerContainer {a} | {cmdlet} {arguments} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Contains($"on target \"{a}\"", result.HostText);
        Assert.Equal(before, StateOrGone(a));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void RestartStartsTheContainerAgain()
    {
        var a = ContainerIn("running");
        var started = DockerCli.Run("inspect", "--format", "{{.State.StartedAt}}", a).Trim();

        var result = _ps.Run($"Restart-DockerContainer {a} -Timeout 0 -PassThru");

        var detail = Assert.Single(result.Output);
        Assert.Equal("running", detail.Properties["State"].Value);
        Assert.NotEqual(started, DockerCli.Run("inspect", "--format", "{{.State.StartedAt}}", a).Trim());
    }

    [Fact]
    public void StopWithSignalAndTimeoutIsRejected()
    {
        var a = ContainerIn("running");

        var result = _ps.Run($"Stop-DockerContainer {a} -Signal SIGKILL -Timeout 3");

        Assert.Equal("SignalWithTimeout,DockerPS.Commands.StopDockerContainerCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal("running", StateOrGone(a));
    }

    [Fact]
    public void RemovingARunningContainerWithoutForceIsAConflict()
    {
        var a = ContainerIn("running");

        var result = _ps.Run($"Remove-DockerContainer {a}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("Conflict,DockerPS.Commands.RemoveDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Equal("running", StateOrGone(a));
    }

    [Fact]
    public void RenameRenamesAndReportsUnknownAndTakenNames()
    {
        var a = ContainerIn("created");
        var b = ContainerIn("created");
        var renamed = $"dps-renamed-{fixture.RunId}";

        var result = _ps.Run($"Rename-DockerContainer {a} {renamed} -PassThru; Rename-DockerContainer nosuch-{fixture.RunId} x; Rename-DockerContainer {b} {renamed}");

        Assert.Equal(new[] { renamed }, result.Property("Name"));
        Assert.Equal("created", StateOrGone(renamed));
        Assert.Equal("gone", StateOrGone(a));
        Assert.Equal(
            new[] { "ContainerNotFound,DockerPS.Commands.RenameDockerContainerCommand", "Conflict,DockerPS.Commands.RenameDockerContainerCommand" },
            result.ErrorIds);
    }

    [Fact]
    public void WaitWritesEachContainerWithItsExitCodeInOrderAndReportsTheUnknownOne()
    {
        var three = fixture.CliContainer(true, "sh", "-c", "exit 3");
        var zero = fixture.CliContainer(true, "sh", "-c", "sleep 1");

        var result = _ps.Run($"'{three}', 'nosuch-{fixture.RunId}', '{zero}' | Wait-DockerContainer");
        var shown = _ps.Run($"Wait-DockerContainer {three}, {zero} | Out-Default");

        Assert.Equal(new[] { "DockerPS.ContainerExit", "DockerPS.ContainerExit" }, result.Output.Select(o => o.BaseObject.GetType().FullName));
        Assert.Equal(new[] { (three, 3L), (zero, 0L) }, result.Output.Select(o => ((string)o.Properties["Container"].Value, (long)o.Properties["ExitCode"].Value)));
        Assert.Equal("ContainerNotFound,DockerPS.Commands.WaitDockerContainerCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal("exited", StateOrGone(zero));
        // The view, as docker wait would print it with the container beside each code.
        Assert.Empty(shown.Errors);
        var lines = shown.HostText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^CONTAINER\s+EXIT CODE$", lines[0]);
        Assert.Matches($@"^{three}\s+3$", lines[2]);
        Assert.Matches($@"^{zero}\s+0$", lines[3]);
    }

    [Fact]
    public void WaitForNextExitWaitsForTheRestartedContainer()
    {
        var a = fixture.CliContainer(true, "sh", "-c", "exit 7");
        DockerCli.Run("wait", a);

        var result = _ps.Run($"Wait-DockerContainer {a} -Condition next-exit", whileRunning: _ =>
        {
            // The wait must be registered before the restart; the engine's event for it has no hook, so allow it a moment.
            Thread.Sleep(1000);
            DockerCli.Run("start", a);
        });

        Assert.Equal(7L, Assert.Single(result.Output).Properties["ExitCode"].Value);
    }

    [Fact]
    public void WaitStopsPromptlyOnCtrlC()
    {
        var a = ContainerIn("running");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = _ps.Run($"Wait-DockerContainer {a}", whileRunning: ps =>
        {
            Thread.Sleep(500);
            ps.Stop();
        });

        // The container would run for ten minutes; Ctrl+C must not wait for it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
        Assert.Empty(result.Output);
        Assert.Equal("running", StateOrGone(a));
    }

    [SkippableFact]
    public void ANotFoundAboutSomethingElseIsNotContainerNotFound()
    {
        TestEngine.SkipOnPodman("Podman refuses to remove a network a stopped container is attached to, which the test needs");
        var network = $"dps-gone-{fixture.RunId}";
        DockerCli.Run("network", "create", "--label", $"{EngineFixture.Label}={fixture.RunId}", network);
        var name = $"cli-net-{fixture.RunId}";
        DockerCli.Run([.. new[] { "create", "--name", name, "--network", network }, .. fixture.LabelArgs, TestEnvironment.Image, "true"]);
        DockerCli.Run("network", "rm", network);

        var result = _ps.Run($"Start-DockerContainer {name}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("NotFound,DockerPS.Commands.StartDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Contains(network, error.Exception.Message);
    }

    [Fact]
    public void TimeoutZeroKillsAtOnce()
    {
        // sleep as PID 1 ignores SIGTERM, so only the kill after the timeout stops it; the default timeout is 10 s.
        var a = ContainerIn("running");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = _ps.Run($"Stop-DockerContainer {a} -Timeout 0");

        Assert.Empty(result.Errors);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: the zero timeout did not reach the engine");
        Assert.Equal("exited 137", DockerCli.Run("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", a).Trim());
    }
}
