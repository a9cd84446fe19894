using System.Management.Automation;
using DockerPS.Errors;
using DockerPS.Formatting;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker container prune</c>: removes the stopped containers (created, exited or dead) that match the filters,
/// asking for each one, and writes what it removed and the space that freed. The candidates are listed first and
/// removed one by one: the engine's prune call would also remove containers that stopped after the listing.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerContainer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerContainerCommand : DockerPruneCmdlet
{
    protected override void ProcessItem()
    {
        var candidates = Await(ct => ContainerOperations.PruneCandidatesAsync(TargetEngine, PruneFilter, ct));
        var removed = new List<string>();
        long reclaimed = 0;
        foreach (var container in candidates)
        {
            var target = $"{container.Name} ({Display.ShortId(container.Id)})";
            if (!Approve(target, "Remove stopped container"))
            {
                continue;
            }
            try
            {
                Await(ct => ContainerOperations.RemoveAsync(TargetEngine, container.Id, force: false, volumes: false, ct));
                WriteVerbose($"Removed container {target}.");
                removed.Add(container.Id);
                reclaimed += container.SizeRw ?? 0;
            }
            catch (DockerEngineException e) when (e.Kind == EngineErrorKind.NotFound)
            {
                WriteVerbose($"Container {target} was already removed.");
            }
            catch (DockerEngineException e)
            {
                // Started since the listing (a conflict), for example: it is not stopped any more, so it stays.
                WriteError(ErrorFor(e, container.Name));
            }
        }
        if (!WhatIfRequested)
        {
            WriteObject(new PruneResult(removed, reclaimed, TargetEngine));
        }
    }
}
