using System.Collections.Concurrent;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-DockerContainerStats against the real engine, compared with <c>docker stats</c>.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerStatsTests(EngineFixture fixture)
{
    private const string NotFoundId = "ContainerNotFound,DockerPS.Commands.GetDockerContainerStatsCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    /// <summary>A running container of this run with a 64 MiB limit and three processes.</summary>
    private string LimitedContainer()
    {
        var name = $"dps-stats-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "run", "-d", "--name", name, "--memory", "64m" }, .. fixture.LabelArgs, TestEnvironment.Image, "sh", "-c", "sleep 600 & sleep 600 & wait"]);
        return name;
    }

    [SkippableFact]
    public void OneSamplePerNamedContainerInOrderAsDockerStatsShowsIt()
    {
        TestEngine.SkipOnPodman("Podman 4.3 sends no stats for a stopped container");
        var limited = LimitedContainer();
        var plain = fixture.CliContainer(true, "sleep", "600");

        var result = _ps.Run($"'{limited}', 'nosuch-{fixture.RunId}', '{plain}' | Get-DockerContainerStats");

        Assert.Equal(new[] { limited, plain }, result.Property("Name"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(NotFoundId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
        var sample = result.Output[0];
        Assert.Equal("DockerPS.ContainerStats", sample.BaseObject.GetType().FullName);
        Assert.Equal(DockerCli.Run("inspect", "--format", "{{.Id}}", limited).Trim(), sample.Properties["Id"].Value);
        Assert.Equal(64L * 1024 * 1024, sample.Properties["MemoryLimit"].Value);
        Assert.IsType<DateTime>(sample.Properties["Read"].Value);
        var cli = DockerCli.Lines("stats", "--no-stream", "--format", "{{.Name}}|{{.PIDs}}|{{.MemPerc}}", limited, plain);
        Assert.Equal(cli[0].Split('|')[1], sample.Properties["Pids"].Value!.ToString());
        Assert.Equal(cli[1].Split('|')[1], result.Output[1].Properties["Pids"].Value!.ToString());
    }

    [Fact]
    public void MemoryIsComputedAsDockerStatsComputesIt()
    {
        var limited = LimitedContainer();
        // An idle container's figure settles after its start; compare once the CLI reads the same twice around ours.
        for (var attempt = 0; ; attempt++)
        {
            var before = DockerCli.Run("stats", "--no-stream", "--format", "{{.MemUsage}}", limited).Trim();
            var ours = _ps.Run($"Get-DockerContainerStats {limited} | ForEach-Object {{ [DockerPS.Formatting.Display]::BinarySize($_.MemoryUsage) + ' / ' + [DockerPS.Formatting.Display]::BinarySize($_.MemoryLimit) }}");
            var after = DockerCli.Run("stats", "--no-stream", "--format", "{{.MemUsage}}", limited).Trim();
            if (before == after || attempt == 5)
            {
                Assert.Equal(before, after);
                Assert.Equal(before, Assert.Single(ours.Output).BaseObject);
                return;
            }
        }
    }

    [Fact]
    public void WithoutNamesSamplesTheRunningContainers()
    {
        var result = _ps.Run("Get-DockerContainerStats");

        Assert.Empty(result.Errors);
        var names = result.Property("Name").Cast<string>().ToArray();
        Assert.Contains(fixture.RunningName, names);
        Assert.DoesNotContain(fixture.ExitedName, names);
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [SkippableFact]
    public void ABusyContainerUsesCpuAndAStoppedOneSamplesZeros()
    {
        TestEngine.SkipOnPodman("Podman 4.3 sends no stats for a stopped container");
        var busy = fixture.CliContainer(true, "sh", "-c", "while :; do :; done");
        try
        {
            var result = _ps.Run($"Get-DockerContainerStats -Name {busy}, {fixture.ExitedName}");

            Assert.Empty(result.Errors);
            Assert.True((double)result.Output[0].Properties["CpuPercent"].Value! > 0);
            Assert.Equal((0.0, 0L, (object?)null), ((double)result.Output[1].Properties["CpuPercent"].Value!, (long)result.Output[1].Properties["MemoryUsage"].Value!, result.Output[1].Properties["Read"].Value));
        }
        finally
        {
            DockerCli.Run("rm", "-f", busy);
        }
    }

    [Fact]
    public void StreamWritesSamplesOfEveryContainerUntilStopped()
    {
        var a = fixture.CliContainer(true, "sleep", "600");
        var b = fixture.CliContainer(true, "sleep", "600");
        var samples = new ConcurrentQueue<object>();

        var result = _ps.Run($"Get-DockerContainerStats {a}, {b} -Stream | ForEach-Object {{ $samples.Enqueue($_) }}",
            new Dictionary<string, object> { ["samples"] = samples },
            whileRunning: ps =>
            {
                SpinWait.SpinUntil(() => Count(samples, a) >= 2 && Count(samples, b) >= 2, TimeSpan.FromSeconds(60));
                // Stopping must end the engine requests; without that the stream never ends and Stop never returns.
                Assert.True(Task.Run(ps.Stop).Wait(TimeSpan.FromSeconds(60)), "Stop did not end the stream");
            });

        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
        Assert.True(Count(samples, a) >= 2 && Count(samples, b) >= 2, $"{Count(samples, a)} and {Count(samples, b)} samples");
        var reads = samples.Select(PSObject.AsPSObject).Where(s => (string)s.Properties["Name"].Value == a).Select(s => (DateTime)s.Properties["Read"].Value).ToArray();
        Assert.Equal(reads.Order(), reads);
        Assert.Equal(reads.Length, reads.Distinct().Count());
    }

    [SkippableFact]
    public void StreamEndsWhenTheContainerStops()
    {
        TestEngine.SkipOnPodman("Podman 4.3 does not end a stats stream when the container stops");
        var a = fixture.CliContainer(true, "sleep", "600");
        var samples = new ConcurrentQueue<object>();
        var endedByItself = false;

        _ps.Run($"Get-DockerContainerStats {a} -Stream | ForEach-Object {{ $samples.Enqueue($_) }}",
            new Dictionary<string, object> { ["samples"] = samples },
            whileRunning: ps =>
            {
                SpinWait.SpinUntil(() => Count(samples, a) >= 1, TimeSpan.FromSeconds(60));
                DockerCli.Run("stop", "-t", "0", a);
                endedByItself = SpinWait.SpinUntil(() => ps.InvocationStateInfo.State == PSInvocationState.Completed, TimeSpan.FromSeconds(60));
                if (!endedByItself)
                {
                    ps.Stop();
                }
            });

        Assert.True(endedByItself, "the stream went on after the container stopped");
        Assert.Null(PSObject.AsPSObject(samples.Last()).Properties["Read"].Value);
    }

    [Fact]
    public void TableShowsTheColumnsOfDockerStats()
    {
        var limited = LimitedContainer();

        var text = _ps.Run($"Get-DockerContainerStats {limited} | Out-Default").HostText;

        Assert.Contains("MEM USAGE / LIMIT", text);
        Assert.Contains("BLOCK I/O", text);
        Assert.Contains(" / 64MiB", text);
        Assert.Matches(@"\d+\.\d\d%", text);
    }

    [Fact]
    public void NamesComplete() =>
        Assert.Contains(fixture.RunningName, Completion.Complete(_ps, $"Get-DockerContainerStats {fixture.RunningName[..^4]}"));

    private static int Count(ConcurrentQueue<object> samples, string name) =>
        samples.Count(s => (string)PSObject.AsPSObject(s).Properties["Name"].Value == name);
}
