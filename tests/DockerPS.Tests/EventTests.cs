using System.Collections.Concurrent;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-DockerEvent against the engine: a container's life as events, past, followed and bounded.</summary>
[Collection(EngineCollection.Name)]
public sealed class EventTests(EngineFixture fixture)
{
    private const string Cmdlet = "DockerPS.Commands.GetDockerEventCommand";
    private static readonly string[] Life = ["create", "start", "die", "destroy"];
    private readonly PowerShellSession _ps = fixture.Session;

    /// <summary>Creates, runs to its end and removes a container of this run; returns its name.</summary>
    private string LiveAndDie()
    {
        var name = fixture.CliContainer(false, "sh", "-c", "exit 3");
        DockerCli.Run("start", name);
        DockerCli.Run("wait", name);
        DockerCli.Run("rm", name);
        return name;
    }

    private static string[] LifeActions(IEnumerable<PSObject> events) =>
        events.Select(e => (string)e.Properties["Action"].Value!).Where(Life.Contains).ToArray();

    [Fact]
    public void SinceReturnsTheEventsOfAContainerThatRan()
    {
        var since = DateTime.Now.AddSeconds(-1);
        var name = LiveAndDie();

        var result = _ps.Run($"Get-DockerEvent -Since $since -Filter @{{ container = '{name}' }}", new Dictionary<string, object> { ["since"] = since });

        Assert.Empty(result.Errors);
        Assert.All(result.Output, e => Assert.Equal("DockerPS.EngineEvent", e.BaseObject.GetType().FullName));
        Assert.Equal(Life, LifeActions(result.Output));
        Assert.All(result.Output, e => Assert.Equal("container", e.Properties["Type"].Value));
        Assert.All(result.Output, e => Assert.Equal(name, e.Properties["Name"].Value));
        var die = result.Output.Single(e => (string)e.Properties["Action"].Value! == "die");
        Assert.Equal("3", ((IReadOnlyDictionary<string, string>)die.Properties["Attributes"].Value!)["exitCode"]);
        Assert.True((DateTime)die.Properties["Time"].Value! >= since, "the event's time comes from the engine's timeNano");
    }

    [Fact]
    public void FollowWritesEventsAsTheyHappenAndStopsOnCtrlC()
    {
        var name = $"dps-evt-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        var seen = new BlockingCollection<string>();
        var taken = new List<string>();
        var stopped = TimeSpan.Zero;

        // What a stopped pipeline wrote is not returned: the events are watched through $seen as they pass.
        var result = _ps.Run(
            $"Get-DockerEvent -Follow -Since $since -Filter @{{ container = '{name}' }} | ForEach-Object {{ $seen.Add(\"$($_.Type) $($_.Action) $($_.Name)\") }}",
            new Dictionary<string, object> { ["since"] = DateTime.Now, ["seen"] = seen },
            whileRunning: ps =>
            {
                // The container lives after the cmdlet started reading: its events can only come from the open stream.
                DockerCli.Run([.. new[] { "run", "--rm", "--name", name }, .. fixture.LabelArgs, TestEnvironment.Image, "true"]);
                while (seen.TryTake(out var item, TimeSpan.FromSeconds(30)))
                {
                    taken.Add(item);
                    if (item.StartsWith("container destroy", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                var clock = System.Diagnostics.Stopwatch.StartNew();
                ps.Stop();
                stopped = clock.Elapsed;
            });

        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
        Assert.Equal(Life.Select(action => $"container {action} {name}"), taken.Where(t => Life.Contains(t.Split(' ')[1])));
        // A stream with nothing more to send must not hold Ctrl+C up: the issue asks for under a second.
        Assert.True(stopped < TimeSpan.FromSeconds(1), $"stopping took {stopped}");
    }

    [Fact]
    public void UntilEndsTheStream()
    {
        var since = DateTime.Now.AddSeconds(-1);
        var name = LiveAndDie();

        // An -Until to come keeps the stream open until then, and no longer.
        var result = _ps.Run($"Get-DockerEvent -Since $since -Until ([datetime]::Now.AddSeconds(2)) -Filter @{{ container = '{name}' }}",
            new Dictionary<string, object> { ["since"] = since });

        Assert.Empty(result.Errors);
        Assert.Equal(Life, LifeActions(result.Output));
    }

    [Fact]
    public void BadTimesAndFiltersAreErrorsWithTheirIds()
    {
        var result = _ps.Run("Get-DockerEvent -Since 'yesterday'; Get-DockerEvent -Filter @{ colour = 'red' }");

        Assert.Equal(new[] { $"InvalidTime,{Cmdlet}", $"InvalidFilter,{Cmdlet}" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void EventsFormatAsATable()
    {
        var since = DateTime.Now.AddSeconds(-1);
        var name = LiveAndDie();

        var text = _ps.Run($"Get-DockerEvent -Since $since -Filter @{{ container = '{name}' }} | Out-Default", new Dictionary<string, object> { ["since"] = since }).HostText;

        Assert.Contains("ACTION", text);
        Assert.Contains("destroy", text);
        Assert.Contains(name, text);
    }
}
