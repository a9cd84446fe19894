namespace DockerPS.Commands;

/// <summary><c>docker diff</c>: the paths a container changed, added or deleted relative to its image.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerChange", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ContainerChange))]
public sealed class GetDockerContainerChangeCommand : ContainerCmdlet
{
    protected override void ProcessContainer(string container) =>
        WriteObject(AwaitOnEachEngine((engine, ct) => ContainerOperations.ChangesAsync(engine, container, ct), container), enumerateCollection: true);
}
