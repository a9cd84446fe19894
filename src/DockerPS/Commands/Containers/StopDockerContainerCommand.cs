namespace DockerPS.Commands;

/// <summary>
/// <c>docker stop</c>, and <c>docker kill</c> with -Signal: stops running containers (the stop signal, then SIGKILL
/// after -Timeout seconds), or sends them one signal.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class StopDockerContainerCommand : ContainerCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Seconds to wait for the container to stop before killing it; the container's own setting by default.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; }

    /// <summary>Sends this signal instead of stopping (<c>docker kill -s</c>), e.g. SIGKILL, SIGHUP or 9.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Signal { get; set; }

    /// <summary>Writes each container after it stopped.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Signal is not null && StopTimeout is not null)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.SignalWithTimeout,
                new ArgumentException("-Signal sends one signal and does not wait; it cannot be combined with -Timeout."), Signal));
        }
    }

    private int? StopTimeout => BoundOrNull(nameof(Timeout), Timeout);

    protected override void ProcessContainer(string container)
    {
        if (Signal is not null)
        {
            if (ShouldProcess(container, $"Send {Signal} to container"))
            {
                DispatchChange(container, (engine, ct) => ContainerOperations.KillAsync(engine, container, Signal, ct), PassThru);
            }
        }
        else if (ShouldProcess(container, "Stop container"))
        {
            DispatchChange(container, (engine, ct) => ContainerOperations.StopAsync(engine, container, StopTimeout, ct), PassThru, $"Container {container} was not running.");
        }
    }
}
