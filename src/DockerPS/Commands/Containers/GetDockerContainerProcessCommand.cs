namespace DockerPS.Commands;

/// <summary><c>docker top</c>: the processes running in containers, one object per process.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerProcess", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ContainerProcess))]
public sealed class GetDockerContainerProcessCommand : ContainerCmdlet
{
    /// <summary>Options for the engine host's ps (default <c>-ef</c>), e.g. <c>aux</c> or <c>-o pid,user,args</c>.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? PsArguments { get; set; }

    protected override void ProcessContainer(string container)
    {
        WriteObject(AwaitOnEachEngine((engine, ct) => ContainerOperations.ProcessesAsync(engine, container, PsArguments, ct), container), enumerateCollection: true);
    }
}
