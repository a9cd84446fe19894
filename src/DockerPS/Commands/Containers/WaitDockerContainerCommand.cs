namespace DockerPS.Commands;

/// <summary>
/// <c>docker wait</c>: blocks until containers stop (or exit next, or are removed) and writes each with its exit code;
/// or, with -Condition healthy, until their health check says healthy, and writes each container.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "DockerContainer", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ContainerExit), typeof(ContainerDetail))]
public sealed class WaitDockerContainerCommand : ContainerCmdlet
{
    private const string Healthy = "healthy";

    /// <summary>How often the health is read while waiting for it.</summary>
    private static readonly TimeSpan HealthInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>not-running (the default: returns at once for a stopped container), next-exit, removed, or healthy.</summary>
    [Parameter]
    [ValidateSet("not-running", "next-exit", "removed", Healthy)]
    public string Condition { get; set; } = "not-running";

    /// <summary>Seconds to wait for each container; one that has not reached the condition by then is a WaitTimeout error.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; }

    protected override void ProcessContainer(string container)
    {
        var engine = TargetEngine;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        if (BoundOrNull(nameof(Timeout), Timeout) is { } seconds)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }
        try
        {
            WriteObject(Condition == Healthy
                ? Await(StartCall(_ => ContainerOperations.WaitHealthyAsync(engine, container, HealthInterval, timeout.Token)))
                : Await(StartCall(_ => ContainerOperations.WaitAsync(engine, container, Condition, timeout.Token))));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !Cancellation.IsCancellationRequested)
        {
            WriteError(ErrorFor(ErrorCatalog.WaitTimeout,
                new TimeoutException($"Container {container} did not reach the condition {Condition} in {Timeout} s."), container));
        }
    }
}
