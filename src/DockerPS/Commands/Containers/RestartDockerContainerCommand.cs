namespace DockerPS.Commands;

/// <summary><c>docker restart</c>: stops (waiting up to -Timeout seconds) and starts containers again.</summary>
[Cmdlet(VerbsLifecycle.Restart, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class RestartDockerContainerCommand : ContainerCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Seconds to wait for the container to stop before killing it; the container's own setting by default.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Timeout { get; set; }

    /// <summary>Writes each container after it restarted.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private int? StopTimeout => BoundOrNull(nameof(Timeout), Timeout);

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Restart container"))
        {
            return;
        }
        DispatchChange(container, (engine, ct) => ContainerOperations.RestartAsync(engine, container, StopTimeout, ct), PassThru);
    }
}
