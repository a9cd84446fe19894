using System.Collections;
using System.Management.Automation;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// What the Clear- (prune) cmdlets share: -Filter checked before any engine call, and -Force, which answers the
/// confirmation that their ConfirmImpact High asks for by default while -WhatIf and an explicit -Confirm still apply.
/// They list the candidates and remove them one by one, so only what was shown (with -WhatIf) or confirmed goes.
/// </summary>
public abstract class DockerPruneCmdlet : DockerCmdlet
{
    private PruneFilter? _filter;

    /// <summary>Prune filters: <c>until</c> (a duration such as 24h, or a time), <c>label</c> and <c>label!</c> (<c>key</c> or <c>key=value</c>).</summary>
    [Parameter(Position = 0)]
    public Hashtable? Filter { get; set; }

    /// <summary>Removes without asking; -WhatIf still only shows what would be removed.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The parsed -Filter.</summary>
    protected PruneFilter PruneFilter => _filter!;

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
            _filter = PruneFilter.Parse(pairs, DateTime.Now);
        }
        catch (FormatException e)
        {
            ThrowTerminatingError(new ErrorRecord(e, DockerListCmdlet.InvalidFilter, ErrorCategory.InvalidArgument, Filter));
        }
    }

    /// <summary>ShouldProcess, unless -Force answers it (never under -WhatIf or an explicit -Confirm).</summary>
    protected bool Approve(string target, string action) =>
        (Force && !WhatIfRequested && !Switch("Confirm")) || ShouldProcess(target, action);

    protected bool WhatIfRequested => MyInvocation.BoundParameters.ContainsKey("WhatIf")
        ? Switch("WhatIf")
        : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    private bool Switch(string name) => MyInvocation.BoundParameters.TryGetValue(name, out var value) && LanguagePrimitives.IsTrue(value);
}
