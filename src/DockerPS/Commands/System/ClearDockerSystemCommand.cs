using DockerPS.Formatting;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker system prune</c>: removes stopped containers, networks no container uses, dangling images (-All: every
/// image no container uses), with -Volumes volumes no container uses (anonymous ones only on API 1.42 and later, as
/// <c>docker system prune --volumes</c>), and then, as the docker CLI does, the dangling build cache (-All: all unused
/// build cache); writes what it removed and the space that freed. Each kind is listed first and confirmed as a whole
/// (-WhatIf shows the list), then removed by the engine's prune call for that kind. The build cache has no labels: a
/// prune limited by label filters leaves it (the engine would ignore them and prune it all).
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerSystem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerSystemCommand : DockerPruneCmdlet
{
    /// <summary>Removes every image no container uses, not only dangling ones.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Also removes the volumes no container uses.</summary>
    [Parameter]
    public SwitchParameter Volumes { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        // The engine's volume prune knows no until filter; say so before anything is removed.
        if (Volumes && PruneFilter.Until is not null)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidFilter, new ArgumentException("Volumes cannot be pruned with an until filter: leave out -Volumes or until."), Filter));
        }
    }

    protected override void ProcessItem()
    {
        var engine = TargetEngine;
        // The docker CLI's order: containers, networks, volumes, images, build cache.
        string[] kinds = Volumes
            ? [SystemPruneOperations.Containers, SystemPruneOperations.Networks, SystemPruneOperations.Volumes, SystemPruneOperations.Images, SystemPruneOperations.BuildCache]
            : [SystemPruneOperations.Containers, SystemPruneOperations.Networks, SystemPruneOperations.Images, SystemPruneOperations.BuildCache];
        if (PruneFilter.Labels.Count > 0 || PruneFilter.NotLabels.Count > 0)
        {
            WriteVerbose("The build cache is left: it has no labels, and the engine would prune all of it regardless of label filters.");
        }
        var removed = new List<string>();
        long reclaimed = 0;
        foreach (var kind in kinds)
        {
            var candidates = Await(ct => SystemPruneOperations.CandidatesAsync(engine, kind, PruneFilter, All, ct));
            if (candidates.Count == 0 || !Approve(string.Join(", ", candidates.Select(c => c.Name)), Action(kind)))
            {
                continue;
            }
            var pruned = Await(ct => SystemPruneOperations.PruneAsync(engine, kind, PruneFilter, All, ct));
            WriteVerbose($"Removed {pruned.Removed.Count} {(kind == SystemPruneOperations.BuildCache ? "build cache records" : kind)}, {Display.Size(pruned.SpaceReclaimed)}.");
            removed.AddRange(pruned.Removed);
            reclaimed += pruned.SpaceReclaimed;
        }
        if (!WhatIfRequested)
        {
            WriteObject(new PruneResult(removed, reclaimed, engine));
        }
    }

    private string Action(string kind) => kind switch
    {
        SystemPruneOperations.Containers => "Remove stopped containers",
        SystemPruneOperations.Networks => "Remove unused networks",
        SystemPruneOperations.Volumes => VolumeOperations.PruneTakesNamed(TargetEngine, all: false) ? "Remove unused volumes" : "Remove unused anonymous volumes",
        SystemPruneOperations.BuildCache => All ? "Remove unused build cache" : "Remove dangling build cache",
        _ => All ? "Remove unused images" : "Remove dangling images",
    };
}
