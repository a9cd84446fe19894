namespace DockerPS.Commands;

/// <summary><c>docker rename</c>: gives a container a new name.</summary>
[Cmdlet(VerbsCommon.Rename, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class RenameDockerContainerCommand : ContainerCmdlet
{
    /// <summary>The new name.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string NewName { get; set; } = null!;

    /// <summary>Writes the container after it was renamed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, $"Rename container to '{NewName}'"))
        {
            return;
        }
        Await(ct => ContainerOperations.RenameAsync(TargetEngine, container, NewName, ct));
        if (PassThru)
        {
            WriteDetail(NewName);
        }
    }
}
