namespace DockerPS.Commands;

/// <summary><c>docker pause</c>: freezes every process of running containers.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class SuspendDockerContainerCommand : ContainerCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Writes each container after it was paused.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Pause container"))
        {
            return;
        }
        DispatchChange(container, (engine, ct) => ContainerOperations.PauseAsync(engine, container, ct), PassThru);
    }
}
