namespace DockerPS.Commands;

/// <summary><c>docker version</c>.</summary>
[Cmdlet(VerbsCommon.Get, "DockerVersion")]
[OutputType(typeof(EngineVersion))]
public sealed class GetDockerVersionCommand : DockerCmdlet
{
    protected override void ProcessItem() =>
        WriteObject(AwaitOnEachEngine(SystemOperations.VersionAsync));
}
