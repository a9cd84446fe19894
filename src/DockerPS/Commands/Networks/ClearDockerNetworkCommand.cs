using DockerPS.Formatting;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker network prune</c>: removes the user-defined networks that no container uses and that match the filters,
/// asking for each one, and writes what it removed. The candidates are listed first and removed one by one: the
/// engine's prune call would also remove networks that became unused after the listing.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerNetwork", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerNetworkCommand : DockerPruneCmdlet
{
    protected override void ProcessItem() =>
        Prune(Await(ct => NetworkOperations.PruneCandidatesAsync(TargetEngine, PruneFilter, ct)), "Remove unused network",
            n => $"{n.Name} ({Display.ShortId(n.Id)})", n => n.Id, _ => 0, (n, ct) => NetworkOperations.RemoveAsync(TargetEngine, n.Id, ct));
}
