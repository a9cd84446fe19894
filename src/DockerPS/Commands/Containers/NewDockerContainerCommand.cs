namespace DockerPS.Commands;

/// <summary><c>docker create</c>: creates a container from an image without starting it.</summary>
[Cmdlet(VerbsCommon.New, "DockerContainer", SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class NewDockerContainerCommand : ContainerCreateCmdlet
{
    /// <summary>Has the engine remove the container when it exits (<c>--rm</c>).</summary>
    [Parameter]
    public SwitchParameter AutoRemove { get; set; }

    protected override void ProcessItem()
    {
        if (BuildSpec(AutoRemove) is not { } spec || !ShouldProcess(Name is null ? Image : $"{Name} ({Image})", "Create container"))
        {
            return;
        }
        var id = Create(spec);
        WriteContainerIdFile(id);
        WriteObject(Await(ct => ContainerOperations.InspectAsync(TargetEngine, id, ct)));
    }
}
