using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-DockerContainerLog against containers that wrote known output, compared with what the docker CLI reads.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerLogTests(EngineFixture fixture)
{
    private const string LogCommand = "DockerPS.Commands.GetDockerContainerLogCommand";

    private readonly PowerShellSession _ps = fixture.Session;

    /// <summary>A container of this run that ran <paramref name="script"/> to its end.</summary>
    private string Finished(string script, bool tty = false)
    {
        var name = $"log-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. tty ? new[] { "run", "-d", "-t" } : ["run", "-d"], "--name", name, .. fixture.LabelArgs, TestEnvironment.Image, "sh", "-c", script]);
        DockerCli.Run("wait", name);
        return name;
    }

    private static string Texts(RunResult result, string stream) =>
        string.Join("\n", result.Output.Where(o => (string)o.Properties["Stream"].Value == stream).Select(o => (string)o.Properties["Text"].Value));

    [Fact]
    public void NonTtyLogsAreWhatWasWrittenPerStream()
    {
        // A line written in two parts, UTF-8, and last lines without a newline on both streams.
        var name = Finished("printf 'one\\n'; printf 'tw'; sleep 0.3; printf 'o\\n'; printf 'err one\\n' >&2; printf 'héllo wörld ✓\\n'; printf 'err last' >&2; printf 'last'");
        const string stdout = "one\ntwo\nhéllo wörld ✓\nlast";

        var result = _ps.Run($"Get-DockerContainerLog {name}");

        Assert.Empty(result.Errors);
        Assert.Equal(stdout, DockerCli.Run("logs", name));
        Assert.Equal(stdout, Texts(result, "stdout"));
        Assert.Equal("err one\nerr last", Texts(result, "stderr"));
        Assert.All(result.Output, o => Assert.Equal("DockerPS.ContainerLogLine", o.TypeNames[0]));
        Assert.All(result.Property("Container"), c => Assert.Equal(name, c));
        Assert.All(result.Property("Timestamp"), Assert.Null);
        Assert.Equal("one", result.Output[0].ToString());
    }

    [Fact]
    public void TtyLogsAreOneStreamWithoutCarriageReturns()
    {
        var name = Finished("printf 'a\\nb\\n'; printf 'err\\n' >&2; printf 'end'", tty: true);

        var result = _ps.Run($"Get-DockerContainerLog {name}");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "a", "b", "err", "end" }, result.Property("Text"));
        Assert.All(result.Property("Stream"), s => Assert.Equal("stdout", s));
    }

    [Fact]
    public void StreamsCanBeChosenAndTheViewPrintsTheText()
    {
        var name = Finished("echo out; echo err >&2");

        Assert.Equal(new[] { "err" }, _ps.Run($"Get-DockerContainerLog {name} -Stream stderr").Property("Text"));
        Assert.Equal(new[] { "out" }, _ps.Run($"Get-DockerContainerLog {name} -Stream stdout").Property("Text"));
        var screen = _ps.Run($"Get-DockerContainerLog {name} -Stream stdout | Out-Default").HostText;
        Assert.Equal("out", screen.Trim());
    }

    [Fact]
    public void TailTakesTheLastLines()
    {
        var name = Finished("for i in 1 2 3 4 5; do echo line$i; done");

        Assert.Equal(new[] { "line4", "line5" }, _ps.Run($"Get-DockerContainerLog {name} -Tail 2").Property("Text"));
        Assert.Empty(_ps.Run($"Get-DockerContainerLog {name} -Tail 0").Output);
        Assert.Equal(5, _ps.Run($"Get-DockerContainerLog {name}").Output.Count);
    }

    [Fact]
    public void TimestampsAreTheEnginesAndNotInTheText()
    {
        var name = Finished("echo first; echo second line");

        var lines = _ps.Run($"Get-DockerContainerLog {name} -Timestamps").Output;

        // The CLI prints RFC 3339 with up to nanoseconds (trailing zeros dropped by Podman); DateTime keeps 100 ns.
        var cli = DockerCli.Run("logs", "-t", name).TrimEnd('\n').Split('\n').Select(l => l.Split(' ', 2)).ToArray();
        Assert.Equal(cli.Select(l => l[1]), lines.Select(l => l.Properties["Text"].Value));
        Assert.Equal(cli.Select(l => DateTime.Parse(Regex.Replace(l[0], @"(\.\d{7})\d+", "$1"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)),
            lines.Select(l => ((DateTime)l.Properties["Timestamp"].Value).ToUniversalTime()));
    }

    [Fact]
    public void SinceAndUntilTakeDurationsTimesAndText()
    {
        var name = Finished("echo early; sleep 1; echo late");
        var late = (DateTime)_ps.Run($"Get-DockerContainerLog {name} -Timestamps -Tail 1").Output.Single().Properties["Timestamp"].Value;
        string[] Read(string parameters) => _ps.Run($"Get-DockerContainerLog {name} {parameters}", new Hashtable { ["late"] = late })
            .Output.Select(o => (string)o.Properties["Text"].Value).ToArray();

        Assert.Equal(new[] { "early", "late" }, Read("-Since 1h"));
        Assert.Empty(Read("-Since -1h"));
        Assert.Empty(Read("-Until 1h"));
        Assert.Equal(new[] { "early", "late" }, Read("-Until -1h"));
        Assert.Equal(new[] { "early", "late" }, Read("-Since ([timespan]'01:00:00')"));
        Assert.Equal(new[] { "late" }, Read("-Since $late"));
        Assert.Equal(new[] { "late" }, Read("-Since $late.ToUniversalTime().ToString('o')"));
        Assert.Equal(new[] { "late" }, Read("-Since ([DateTimeOffset]$late)"));
        Assert.Equal(new[] { "early" }, Read("-Until $late.AddTicks(-1)"));
        Assert.Equal(new[] { "early", "late" }, Read("-Since 0"));
    }

    [Fact]
    public void BadTimesAreErrorsBeforeAnyEngineCall()
    {
        // An unknown container would be a ContainerNotFound error if the engine were asked.
        var result = _ps.Run($"Get-DockerContainerLog nosuch-{fixture.RunId} -Since yesterday; Get-DockerContainerLog nosuch-{fixture.RunId} -Until '2024-13-01'");

        Assert.Equal(new[] { $"InvalidTime,{LogCommand}", $"InvalidTime,{LogCommand}" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("yesterday", result.Errors[0].TargetObject);
        Assert.Contains("-Since: 'yesterday' is not a time", result.Errors[0].Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void PipedNamesAndObjectsGoOnPastAnUnknownOne()
    {
        var a = Finished("echo from a");
        var b = Finished("echo from b");

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | Get-DockerContainerLog; Get-DockerContainer {b} | Get-DockerContainerLog");

        Assert.Equal(new[] { "from a", "from b", "from b" }, result.Property("Text"));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,{LogCommand}", error.FullyQualifiedErrorId);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
    }

    [Fact]
    public void FollowWritesLinesAsTheyComeAndEndsWhenTheContainerStops()
    {
        // The container waits for a file before its second line, so the first line must arrive while it runs.
        var name = fixture.CliContainer(true, "sh", "-c", "echo first; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo second");
        var seen = new ConcurrentQueue<string>();

        var result = _ps.Run($"Get-DockerContainerLog {name} -Follow | ForEach-Object {{ $seen.Enqueue($_.Text); $_ }}", new Hashtable { ["seen"] = seen }, _ =>
        {
            Assert.True(SpinWait.SpinUntil(() => seen.Contains("first"), TimeSpan.FromSeconds(30)), "no first line while following");
            Assert.DoesNotContain("second", seen);
            DockerCli.Run("exec", name, "touch", "/tmp/go");
        });

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "first", "second" }, result.Property("Text"));
        Assert.Equal("exited", DockerCli.Run("inspect", "--format", "{{.State.Status}}", name).Trim());
    }

    [Fact]
    public void CtrlCStopsAFollow()
    {
        var name = fixture.CliContainer(true, "sh", "-c", "echo ready; sleep 120");
        var seen = new ConcurrentQueue<string>();
        var stopping = new Stopwatch();

        var result = _ps.Run($"Get-DockerContainerLog {name} -Follow | ForEach-Object {{ $seen.Enqueue($_.Text); $_ }}", new Hashtable { ["seen"] = seen }, ps =>
        {
            Assert.True(SpinWait.SpinUntil(() => seen.Contains("ready"), TimeSpan.FromSeconds(30)), "no line while following");
            stopping.Start();
            ps.Stop();
            stopping.Stop();
        });

        // Without cancellation the follow would last until the container ends (120 s).
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {stopping.Elapsed}");
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
    }
}
