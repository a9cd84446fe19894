using DockerPS.Compose;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker compose up -d</c>: converges an engine to a compose project. Missing networks and volumes are created,
/// missing images pulled, and each service's containers (in dependency order, waiting for depends_on conditions)
/// created, recreated when their configuration changed, or started; what already matches is left alone. Writes one
/// change per network, volume and container; -WhatIf shows the plan and changes nothing.
/// </summary>
// Deploy is an approved verb from PowerShell 6 on; PowerShellStandard 5.1 has no constant for it.
[Cmdlet("Deploy", "DockerCompose", DefaultParameterSetName = FileSet, SupportsShouldProcess = true)]
[OutputType(typeof(ComposeChange))]
public sealed class DeployDockerComposeCommand : ComposeProjectCmdlet
{
    /// <summary>Removes containers of services the project no longer has (<c>--remove-orphans</c>).</summary>
    [Parameter]
    public SwitchParameter RemoveOrphans { get; set; }

    /// <summary>Recreates every container, changed or not (<c>--force-recreate</c>).</summary>
    [Parameter]
    public SwitchParameter ForceRecreate { get; set; }

    /// <summary>When to pull the services' images (<c>--pull</c>): missing (default), always or never.</summary>
    [Parameter]
    [ValidateSet("missing", "always", "never")]
    public string Pull { get; set; } = "missing";

    protected override void ProcessItem()
    {
        var project = LoadProject();
        var engine = TargetEngine;
        var observed = Await(ct => ComposeDeployment.ObserveAsync(engine, project.Name, ct));
        var plan = ComposePlan.Create(project, observed, RemoveOrphans, engine);
        if (ForceRecreate)
        {
            plan = [.. plan.Select(c => c is { Kind: "Container", Action: "UpToDate" or "Start" }
                ? new ComposeChange(c.Project, c.Kind, c.Name, c.Service, "Recreate", "-ForceRecreate", engine) { Number = c.Number } : c)];
        }
        foreach (var orphan in observed.Containers.Where(c => !project.Services.ContainsKey(c.Service)).Select(c => c.Name).Where(_ => !RemoveOrphans))
        {
            WriteWarning($"Container {orphan} belongs to no service of project {project.Name}; -RemoveOrphans removes it.");
        }
        PullImages(project, plan);
        Apply($"Deploying {project.Name}", ComposePlan.Waves(project, plan), "", (change, ct) => ComposeDeployment.ApplyAsync(engine, project, change, ct));
    }

    /// <summary>
    /// The images of the services that get a container, pulled as -Pull and each service's pull_policy say. A service
    /// with only a build section needs its image built first (Invoke-DockerBuild -Tag PROJECT-SERVICE).
    /// </summary>
    private void PullImages(ComposeProject project, IReadOnlyList<ComposeChange> plan)
    {
        // One check per image, whichever services share it.
        var services = plan.Where(c => c is { Kind: "Container", Action: "Create" or "Recreate" }).Select(c => project.Services[c.Service!])
            .DistinctBy(s => (ComposeContainers.Image(project, s), s.PullPolicy));
        foreach (var service in services)
        {
            var image = ComposeContainers.Image(project, service);
            var policy = service.PullPolicy is "always" or "never" or "missing" ? service.PullPolicy : Pull;
            if (policy == "never" || (policy == "missing" && Have(image)))
            {
                continue;
            }
            if (service.Image is null)
            {
                throw new ComposeException(ErrorCatalog.NotSupportedByEngine,
                    $"Service {service.Name} is built from source, which Deploy-DockerCompose does not build yet: build it with Invoke-DockerBuild -Tag {image} first.");
            }
            var reference = InvalidParameterSyntaxException.Parse("Reference", image, t => ImageReference.Parse(t, allowDigest: true));
            if (ShouldProcess(image, "Pull image"))
            {
                PullImage(reference, allTags: false, service.Platform, StoredCredentialFor(reference));
            }
        }
    }

    private bool Have(string image)
    {
        try
        {
            Await(ct => ImageOperations.InspectAsync(TargetEngine, image, ct));
            return true;
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.NotFound || e.Code == ErrorCatalog.ImageNotFound)
        {
            return false;
        }
    }
}
