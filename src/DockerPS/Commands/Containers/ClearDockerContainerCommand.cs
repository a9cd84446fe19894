using System.Collections;
using System.Management.Automation;
using DockerPS.Errors;
using DockerPS.Formatting;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker container prune</c>: removes the stopped containers (created, exited or dead) that match the filters,
/// asking for each one, and writes what it removed and the space that freed. The candidates are listed first and
/// removed one by one, so only containers that were shown (with -WhatIf) or confirmed are removed; the engine's
/// prune call would also remove containers that stopped after the listing.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerContainer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerContainerCommand : DockerCmdlet
{
    private ContainerPruneFilter? _filter;

    /// <summary>Prune filters: <c>until</c> (a duration such as 24h, or a time), <c>label</c> and <c>label!</c> (<c>key</c> or <c>key=value</c>).</summary>
    [Parameter(Position = 0)]
    public Hashtable? Filter { get; set; }

    /// <summary>Removes without asking; -WhatIf still only shows what would be removed.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Checks the filters before any engine call.</summary>
    protected override void BeginProcessing()
    {
        var pairs = new List<KeyValuePair<string, object>>();
        foreach (DictionaryEntry entry in Filter ?? [])
        {
            var key = LanguagePrimitives.ConvertTo<string>(entry.Key);
            foreach (var value in LanguagePrimitives.GetEnumerable(entry.Value) ?? new[] { entry.Value })
            {
                pairs.Add(new(key, PSObject.AsPSObject(value).BaseObject));
            }
        }
        try
        {
            _filter = ContainerPruneFilter.Parse(pairs, DateTime.Now);
        }
        catch (FormatException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, DockerListCmdlet.InvalidFilter, ErrorCategory.InvalidArgument, Filter));
        }
    }

    protected override void ProcessItem()
    {
        var candidates = Await(ct => ContainerOperations.PruneCandidatesAsync(TargetEngine, _filter!, ct));
        var removed = new List<string>();
        long reclaimed = 0;
        foreach (var container in candidates)
        {
            var target = $"{container.Name} ({Display.ShortId(container.Id)})";
            if (!Approve(target))
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

    /// <summary>-Force answers the confirmation that ConfirmImpact High asks for by default; -WhatIf and an explicit -Confirm still apply.</summary>
    private bool Approve(string target) =>
        (Force && !WhatIfRequested && !Switch("Confirm")) || ShouldProcess(target, "Remove stopped container");

    private bool WhatIfRequested => MyInvocation.BoundParameters.ContainsKey("WhatIf")
        ? Switch("WhatIf")
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool Switch(string name) => MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);
}
