using DockerPS.Completion;
using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker compose ps -a</c>: the containers of a compose project on the engine, found by compose's labels (so
/// projects the compose CLI deployed too), as Container objects.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerCompose", DefaultParameterSetName = FileSet)]
[OutputType(typeof(Container))]
public sealed class GetDockerComposeCommand : ComposeProjectCmdlet
{
    /// <summary>Only the containers of these services.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ComposeServiceCompleter))]
    public string[]? Service { get; set; }

    protected override void ProcessItem()
    {
        var name = ParameterSetName == FileSet && Files.Path is null && Files.ProjectName is { } given ? given : LoadProject().Name;
        var containers = Await(ct => ContainerOperations.ListAsync(TargetEngine, ComposeDeployment.ContainerFilter(name), ct));
        WriteObject(containers.Where(c => Service is null || Service.Contains(c.Labels.GetValueOrDefault(ComposePlan.ServiceLabel)))
            .OrderBy(c => c.Labels.GetValueOrDefault(ComposePlan.ServiceLabel), StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal), enumerateCollection: true);
    }
}
