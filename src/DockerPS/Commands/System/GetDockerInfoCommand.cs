namespace DockerPS.Commands;

/// <summary><c>docker info</c>.</summary>
[Cmdlet(VerbsCommon.Get, "DockerInfo")]
[OutputType(typeof(EngineInfo))]
public sealed class GetDockerInfoCommand : DockerCmdlet
{
    protected override void ProcessItem() =>
        WriteObject(AwaitOnEachEngine(SystemOperations.InfoAsync));
}
