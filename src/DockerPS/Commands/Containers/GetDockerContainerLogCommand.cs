namespace DockerPS.Commands;

/// <summary>
/// <c>docker logs</c>: a container's output lines as objects, streamed; -Follow keeps reading until the container stops,
/// following every container named and every context at once once the input has ended.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerLog", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ContainerLogLine))]
public sealed class GetDockerContainerLogCommand : ContainerCmdlet
{
    private LogOptions? _options;

    /// <summary>Keeps reading new lines until the container stops (or Ctrl+C).</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>Only this many lines from the end of the log (all when not given).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Tail { get; set; }

    /// <summary>Only lines from this time on: a DateTime, a TimeSpan back from now, or text as <c>docker logs --since</c> takes it.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Since { get; set; }

    /// <summary>Only lines before this time, in the forms -Since takes.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Until { get; set; }

    /// <summary>Sets each line's Timestamp (when the engine received it).</summary>
    [Parameter]
    public SwitchParameter Timestamps { get; set; }

    /// <summary>Which of the container's streams to read: stdout, stderr or both.</summary>
    [Parameter]
    [ValidateSet(ContainerLogLine.StandardOutput, ContainerLogLine.StandardError)]
    public string[] Stream { get; set; } = [ContainerLogLine.StandardOutput, ContainerLogLine.StandardError];

    protected override void BeginProcessing()
    {
        var now = DateTimeOffset.Now;
        if (Time(nameof(Since), Since, now, out var since) && Time(nameof(Until), Until, now, out var until))
        {
            _options = new LogOptions
            {
                Follow = Follow,
                Tail = BoundOrNull(nameof(Tail), Tail),
                Since = since,
                Until = until,
                Timestamps = Timestamps,
                Stdout = Stream.Contains(ContainerLogLine.StandardOutput, StringComparer.OrdinalIgnoreCase),
                Stderr = Stream.Contains(ContainerLogLine.StandardError, StringComparer.OrdinalIgnoreCase),
            };
        }
    }

    protected override void ProcessContainer(string container)
    {
        // A bad -Since/-Until was reported once, before any engine call.
        if (_options is null)
        {
            return;
        }
        var engine = TargetEngine;
        var options = _options;
        if (Follow)
        {
            Follow(ct => LogOperations.ReadAsync(engine, container, options, ct), e => WriteErrorAbout(Noun, e, container, engine));
            return;
        }
        foreach (var line in AwaitEach(ct => LogOperations.ReadAsync(engine, container, options, ct)))
        {
            WriteObject(line);
        }
    }

    protected override void EndProcessing() => WriteFollowed();
}
