using System.Management.Automation;
using DockerPS.Errors;
using DockerPS.Formatting;
using DockerPS.Operations;

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
    protected override void ProcessItem()
    {
        var candidates = Await(ct => NetworkOperations.PruneCandidatesAsync(TargetEngine, PruneFilter, ct));
        var removed = new List<string>();
        foreach (var network in candidates)
        {
            var target = $"{network.Name} ({Display.ShortId(network.Id)})";
            if (!Approve(target, "Remove unused network"))
            {
                continue;
            }
            try
            {
                Await(ct => NetworkOperations.RemoveAsync(TargetEngine, network.Id, ct));
                WriteVerbose($"Removed network {target}.");
                removed.Add(network.Id);
            }
            catch (DockerEngineException e) when (e.Kind == EngineErrorKind.NotFound)
            {
                WriteVerbose($"Network {target} was already removed.");
            }
            catch (DockerEngineException e)
            {
                // A container joined it since the listing, for example: it is in use now, so it stays.
                WriteError(ErrorFor(e, network.Name));
            }
        }
        if (!WhatIfRequested)
        {
            WriteObject(new PruneResult(removed, 0, TargetEngine));
        }
    }
}
