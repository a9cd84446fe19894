namespace DockerPS.Commands;

/// <summary><c>docker unpause</c>: lets the processes of paused containers run again.</summary>
[Cmdlet(VerbsLifecycle.Resume, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class ResumeDockerContainerCommand : ContainerCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Writes each container after it was resumed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Unpause container"))
        {
            return;
        }
        DispatchChange(container, (engine, ct) => ContainerOperations.UnpauseAsync(engine, container, ct), PassThru);
    }
}
