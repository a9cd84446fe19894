namespace DockerPS.Commands;

/// <summary><c>docker start</c>: starts created or stopped containers; a running one is left as it is.</summary>
[Cmdlet(VerbsLifecycle.Start, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class StartDockerContainerCommand : ContainerCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Writes each container after starting it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Start container"))
        {
            return;
        }
        DispatchChange(container, (engine, ct) => ContainerOperations.StartAsync(engine, container, ct), PassThru, $"Container {container} is already running.");
    }
}
