namespace DockerPS.Commands;

/// <summary><c>docker start</c>: starts created or stopped containers; a running one is left as it is.</summary>
[Cmdlet(VerbsLifecycle.Start, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class StartDockerContainerCommand : ContainerCmdlet
{
    /// <summary>Writes each container after starting it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Start container"))
        {
            return;
        }
        if (!Await(ct => ContainerOperations.StartAsync(TargetEngine, container, ct)))
        {
            WriteVerbose($"Container {container} is already running.");
        }
        if (PassThru)
        {
            WriteDetail(container);
        }
    }
}
