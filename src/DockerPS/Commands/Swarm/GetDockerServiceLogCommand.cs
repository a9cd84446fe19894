namespace DockerPS.Commands;

/// <summary>
/// <c>docker service logs</c>: the output lines of every task of services, merged across their nodes by the engine,
/// each naming its task and node; -Follow keeps reading, following every service named and every context at once once
/// the input has ended. Services piped bind by value.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerServiceLog", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ServiceLogLine))]
public sealed class GetDockerServiceLogCommand : ServiceCmdlet
{
    private LogOptions? _options;

    /// <summary>Keeps reading new lines (<c>--follow</c>) until Ctrl+C or the pipeline wants no more.</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>Only this many lines from the end of each task's log (<c>--tail</c>); all when not given.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Tail { get; set; }

    /// <summary>Only lines from this time on (<c>--since</c>): a DateTime, a TimeSpan back from now, or text as <c>docker service logs --since</c> takes it.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Since { get; set; }

    /// <summary>Sets each line's Timestamp (<c>--timestamps</c>).</summary>
    [Parameter]
    public SwitchParameter Timestamps { get; set; }

    /// <summary>Which of the tasks' streams to read: stdout, stderr or both.</summary>
    [Parameter]
    [ValidateSet(ContainerLogLine.StandardOutput, ContainerLogLine.StandardError)]
    public string[] Stream { get; set; } = [ContainerLogLine.StandardOutput, ContainerLogLine.StandardError];

    protected override void BeginProcessing()
    {
        if (Time(nameof(Since), Since, DateTimeOffset.Now, out var since))
        {
            _options = new LogOptions
            {
                Follow = Follow,
                Tail = BoundOrNull(nameof(Tail), Tail),
                Since = since,
                Timestamps = Timestamps,
                Stdout = Stream.Contains(ContainerLogLine.StandardOutput, StringComparer.OrdinalIgnoreCase),
                Stderr = Stream.Contains(ContainerLogLine.StandardError, StringComparer.OrdinalIgnoreCase),
            };
        }
    }

    protected override void ProcessService(string service)
    {
        // A bad -Since was reported once, before any engine call.
        if (_options is null)
        {
            return;
        }
        var engine = TargetEngine;
        var options = _options;
        if (Follow)
        {
            Follow(ct => ServiceOperations.ReadLogsAsync(engine, service, options, ct), e => WriteErrorAbout(Noun, e, service, engine));
            return;
        }
        foreach (var line in AwaitEach(ct => ServiceOperations.ReadLogsAsync(engine, service, options, ct)))
        {
            WriteObject(line);
        }
    }

    protected override void EndProcessing() => WriteFollowed();
}
