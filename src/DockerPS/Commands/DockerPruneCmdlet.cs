using System.Collections;

namespace DockerPS.Commands;

/// <summary>
/// What the Clear- (prune) cmdlets share: -Filter checked before any engine call (a bad one is InvalidFilter and
/// stops the command), and -Force that answers the confirmation ConfirmImpact High asks for but never -WhatIf. They
/// list the candidates first and remove them one by one, asking for each, so only what was shown or confirmed goes.
/// </summary>
public abstract class DockerPruneCmdlet : DockerCmdlet
{
    private PruneFilter? _filter;

    /// <summary>Prune filters: <c>until</c> (a duration such as 24h, or a time; not for volumes), <c>label</c> and <c>label!</c> (<c>key</c> or <c>key=value</c>).</summary>
    [Parameter(Position = 0)]
    public Hashtable? Filter { get; set; }

    /// <summary>Removes without asking; -WhatIf still only shows what would be removed.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Whether this prune takes an until filter (the engine's volume prune does not).</summary>
    protected virtual bool TakesUntil => true;

    protected PruneFilter PruneFilter => _filter!;

    protected override void BeginProcessing()
    {
        try
        {
            _filter = PruneFilter.Parse(FilterPairs(Filter), DateTime.Now, TakesUntil);
        }
        catch (FormatException e)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidFilter, e, Filter));
        }
    }

    /// <summary>
    /// Removes the candidates one by one, each as approved, then writes the names removed and the space freed (not
    /// with -WhatIf). One removed since the listing is skipped; one the engine refuses (in use again, say) stays, as
    /// an error for it.
    /// </summary>
    protected void Prune<T>(IReadOnlyList<T> candidates, string action, Func<T, string> target, Func<T, string> id, Func<T, long> size,
        Func<T, CancellationToken, Task> remove)
    {
        var removed = new List<string>();
        long reclaimed = 0;
        foreach (var candidate in candidates)
        {
            var shown = target(candidate);
            if (!Approve(shown, action))
            {
                continue;
            }
            try
            {
                Await(ct => remove(candidate, ct));
                WriteVerbose($"{action}: {shown} removed.");
                removed.Add(id(candidate));
                reclaimed += size(candidate);
            }
            catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
            {
                WriteVerbose($"{action}: {shown} was already removed.");
            }
            catch (DockerEngineException e)
            {
                WriteError(ErrorFor(e, shown));
            }
        }
        if (!WhatIfRequested)
        {
            WriteObject(new PruneResult(removed, reclaimed, TargetEngine));
        }
    }

    /// <summary>-Force answers the confirmation that ConfirmImpact High asks for by default; -WhatIf and an explicit -Confirm still apply.</summary>
    protected bool Approve(string target, string action) =>
        (Force && !WhatIfRequested && !Switch("Confirm")) || ShouldProcess(target, action);

    protected bool WhatIfRequested => MyInvocation.BoundParameters.ContainsKey("WhatIf")
        ? Switch("WhatIf")
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool Switch(string name) => MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);
}
