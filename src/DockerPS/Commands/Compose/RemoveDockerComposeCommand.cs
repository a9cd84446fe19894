using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker compose down</c>: stops and removes a project's containers (services in reverse dependency order), then
/// its networks, and with -Volume its named volumes. The project is found on the engine by compose's labels, so a
/// project the compose CLI deployed goes down too. Writes each removal.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerCompose", DefaultParameterSetName = FileSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ComposeChange))]
public sealed class RemoveDockerComposeCommand : ComposeProjectCmdlet
{
    /// <summary>Also removes the project's named volumes (<c>--volumes</c>).</summary>
    [Parameter]
    [Alias("Volumes")]
    public SwitchParameter Volume { get; set; }

    protected override void ProcessItem()
    {
        // Only the name is needed to find the project; the files, when there are some, give the service order.
        var project = ParameterSetName == ProjectSet || Files.Path is not null || Files.ProjectName is null ? LoadProject() : null;
        var name = project?.Name ?? Files.ProjectName!;
        var engine = TargetEngine;
        var plan = Await(ct => ComposeDeployment.PlanDownAsync(engine, name, project, Volume, ct));
        Apply($"Removing {name}", ComposePlan.Waves(project, plan, down: true), $" of project {name}", (change, ct) => ComposeDeployment.ApplyDownAsync(engine, project, change, ct));
    }
}
