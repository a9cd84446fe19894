namespace DockerPS.Commands;

/// <summary><c>docker pause</c>: freezes every process of running containers.</summary>
[Cmdlet(VerbsLifecycle.Suspend, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class SuspendDockerContainerCommand : ContainerCmdlet
{
    /// <summary>Writes each container after it was paused.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Pause container"))
        {
            return;
        }
        Await(ct => ContainerOperations.PauseAsync(TargetEngine, container, ct));
        if (PassThru)
        {
            WriteDetail(container);
        }
    }
}
