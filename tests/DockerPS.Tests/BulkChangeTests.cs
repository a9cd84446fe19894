using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// State changes of many objects at once (-ThrottleLimit): every object changed, output and errors in input order, and
/// the calls really overlapping, shown by stops that each take the engine a whole timeout.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class BulkChangeTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    private static string StateOrGone(string container) =>
        DockerCli.Lines("ps", "-a", "--filter", $"name=^{container}$", "--format", "{{.State}}").SingleOrDefault() ?? "gone";

    /// <summary>Running containers whose sleep, as process 1 without a handler, ignores SIGTERM: a stop waits its whole timeout.</summary>
    private string[] Stubborn(int count) => Enumerable.Range(0, count).Select(_ => fixture.CliContainer(true, "sleep", "600")).ToArray();

    [Fact]
    public void ManyPipedRemovalsAllHappenWithErrorsInInputOrder()
    {
        var containers = Enumerable.Range(0, 24).Select(_ => fixture.CliContainer(false, "true")).ToList();
        containers.Insert(5, $"nosuch-a-{fixture.RunId}");
        containers.Insert(17, $"nosuch-b-{fixture.RunId}");

        var result = _ps.Run($"{string.Join(", ", containers.Select(c => $"'{c}'"))} | Remove-DockerContainer -ThrottleLimit 8");

        Assert.Equal(["ContainerNotFound,DockerPS.Commands.RemoveDockerContainerCommand", "ContainerNotFound,DockerPS.Commands.RemoveDockerContainerCommand"], result.ErrorIds);
        Assert.Equal([$"nosuch-a-{fixture.RunId}", $"nosuch-b-{fixture.RunId}"], result.Errors.Select(e => e.TargetObject));
        Assert.All(containers.Where(c => !c.StartsWith("nosuch", StringComparison.Ordinal)), c => Assert.Equal("gone", StateOrGone(c)));
    }

    [Fact]
    public void PassThruWritesEachContainerOnceInInputOrder()
    {
        var containers = Enumerable.Range(0, 12).Select(_ => fixture.CliContainer(false, "sleep", "600")).ToArray();

        var result = _ps.Run($"{string.Join(", ", containers.Select(c => $"'{c}'"))} | Start-DockerContainer -PassThru");
        DockerCli.Run(["kill", .. containers]);

        Assert.Empty(result.Errors);
        Assert.Equal(containers, result.Property("Name"));
        Assert.All(result.Property("State"), state => Assert.Equal("running", state));
    }

    [SkippableFact]
    public void StopsOverlapUpToTheLimit()
    {
        var containers = Stubborn(6);
        var names = string.Join(", ", containers.Select(c => $"'{c}'"));

        // Each stop takes the engine at least its 2 s timeout: one at a time that is 12 s or more, all at once about 2.
        var watch = Stopwatch.StartNew();
        var result = _ps.Run($"{names} | Stop-DockerContainer -Timeout 2 -ThrottleLimit 6 -PassThru");
        var elapsed = watch.Elapsed;

        Assert.Empty(result.Errors);
        Assert.Equal(containers, result.Property("Name"));
        Assert.All(containers, c => Assert.Equal("exited", StateOrGone(c)));
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"6 stops of 2 s each took {elapsed.TotalSeconds:0.0} s: they did not overlap.");
    }

    [SkippableFact]
    public void ThrottleLimitOneActsOnOneAtATime()
    {
        var containers = Stubborn(3);

        var watch = Stopwatch.StartNew();
        var result = _ps.Run($"Stop-DockerContainer {string.Join(", ", containers)} -Timeout 1 -ThrottleLimit 1");

        Assert.Empty(result.Errors);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3), $"3 stops of 1 s each took {watch.Elapsed.TotalSeconds:0.0} s with -ThrottleLimit 1.");
    }

    [Fact]
    public void ConfirmAsksBeforeEachCallAndLeavesTheRefusedOne()
    {
        var containers = Enumerable.Range(0, 4).Select(_ => fixture.CliContainer(false, "true")).ToArray();
        var asked = new List<(string Container, string State)>();
        _ps.Answer = message =>
        {
            var container = containers.Single(message.Contains);
            asked.Add((container, StateOrGone(container)));
            return container == containers[1] ? 2 : 0;
        };
        try
        {
            var result = _ps.Run($"{string.Join(", ", containers.Select(c => $"'{c}'"))} | Remove-DockerContainer -Confirm -ThrottleLimit 4");

            Assert.Empty(result.Errors);
        }
        finally
        {
            _ps.Answer = null;
        }
        // Each question came in input order, before its own call: the container was still there when asked about.
        Assert.Equal(containers.Select(c => (c, "created")), asked);
        Assert.Equal(["gone", "created", "gone", "gone"], containers.Select(StateOrGone));
    }

    [SkippableFact]
    public void CtrlCSendsNoCallNotYetSent()
    {
        TestEngine.SkipOnPodman("Podman 4.3 reports no kill event for a stop's signal, which tells the sent stops apart");
        var containers = Stubborn(8);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);

        // Stops of 30 s each, two at a time: Ctrl+C comes while the first two are in flight.
        var watch = Stopwatch.StartNew();
        var result = _ps.Run($"{string.Join(", ", containers.Select(c => $"'{c}'"))} | Stop-DockerContainer -Timeout 30 -ThrottleLimit 2", whileRunning: ps =>
        {
            Thread.Sleep(1500);
            ps.Stop();
        });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Ctrl+C took {watch.Elapsed.TotalSeconds:0.0} s to end the pipeline.");
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
        // The engine signals a container when it gets its stop: only the two sent before Ctrl+C were.
        var signalled = DockerCli.Lines("events", "--since", since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "--until", DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            "--filter", "event=kill", "--format", "{{.Actor.Attributes.name}}");
        Assert.Equal(containers[..2].Order(), signalled.Where(containers.Contains).Distinct().Order());
    }

    [Fact]
    public void WhatIfChangesNoneOfThem()
    {
        var containers = Enumerable.Range(0, 5).Select(_ => fixture.CliContainer(false, "true")).ToArray();

        var result = _ps.Run($"{string.Join(", ", containers.Select(c => $"'{c}'"))} | Remove-DockerContainer -WhatIf");

        Assert.Empty(result.Errors);
        Assert.All(containers, c => Assert.Equal("created", StateOrGone(c)));
    }
}
