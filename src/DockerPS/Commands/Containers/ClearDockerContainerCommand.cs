using DockerPS.Formatting;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker container prune</c>: removes the stopped containers (created, exited or dead) that match the filters,
/// asking for each one, and writes what it removed and the space that freed. The candidates are listed first and
/// removed one by one, so only containers that were shown (with -WhatIf) or confirmed are removed; the engine's
/// prune call would also remove containers that stopped after the listing.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerContainer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerContainerCommand : DockerPruneCmdlet
{
    // A container started since the listing is not stopped any more: the engine refuses to remove it, and it stays.
    protected override void ProcessItem() =>
        Prune(Await(ct => ContainerOperations.PruneCandidatesAsync(TargetEngine, PruneFilter, ct)), "Remove stopped container",
            c => $"{c.Name} ({Display.ShortId(c.Id)})", c => c.Id, c => c.SizeRw ?? 0,
            (c, ct) => ContainerOperations.RemoveAsync(TargetEngine, c.Id, force: false, volumes: false, ct));
}
