namespace DockerPS.Commands;

/// <summary>
/// <c>docker service rm</c>: removes services by name (wildcards expanded by listing), id or id prefix, or piped; their
/// tasks stop. An unknown one is ServiceNotFound; the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerService", DefaultParameterSetName = NameSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveDockerServiceCommand : ServiceCmdlet
{
    protected override void ProcessService(string service)
    {
        if (ShouldProcess(service, "Remove service"))
        {
            Dispatch((engine, ct) => ServiceOperations.RemoveAsync(engine, service, ct));
        }
    }
}
