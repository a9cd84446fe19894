using DockerPS.Formatting;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker builder prune</c>: removes the engine's unused build cache (BuildKit's), the dangling records only unless
/// -All, that the filters select, keeping -KeepStorage of it; writes the records it removed and the space that freed.
/// The engine chooses the records, so the whole prune is confirmed at once, showing what the engine's disk usage lists
/// as unused.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerBuildCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerBuildCacheCommand : DockerPruneCmdlet
{
    private BuildCacheFilter? _filter;
    private long? _keepStorage;

    /// <summary>Removes all unused build cache, not only dangling records, as <c>docker builder prune -a</c>.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>How much build cache to keep, e.g. <c>10g</c> (units b, k, m, g: powers of 1024), as <c>--keep-storage</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeepStorage { get; set; }

    /// <summary>Build cache filters rather than the other prunes' (until, id, parent, type, description, inuse, shared, private; no labels).</summary>
    protected override void BeginProcessing()
    {
        try
        {
            _filter = BuildCacheFilter.Parse(FilterPairs(Filter), DateTime.Now);
        }
        catch (FormatException e)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidFilter, e, Filter));
        }
        try
        {
            _keepStorage = KeepStorage is null ? null : InvalidParameterSyntaxException.Parse(nameof(KeepStorage), KeepStorage, DockerUnits.ParseBytes);
        }
        catch (InvalidParameterSyntaxException e)
        {
            ThrowTerminatingError(ErrorFor(e, null));
        }
    }

    protected override void ProcessItem()
    {
        var engine = TargetEngine;
        var records = Await(ct => BuildCacheOperations.ListAsync(engine, ct));
        var unused = BuildCacheOperations.Candidates(records, All, _filter!.Until);
        var target = $"build cache of {engine.Name} ({unused.Count} unused {(unused.Count == 1 ? "record" : "records")}, {Display.Size(unused.Sum(r => r.Size))})";
        if (!Approve(target, Action()))
        {
            return;
        }
        var pruned = Await(ct => BuildCacheOperations.PruneAsync(engine, _filter, All, _keepStorage, ct));
        WriteVerbose($"Removed {pruned.Removed.Count} build cache records, {Display.Size(pruned.SpaceReclaimed)}.");
        WriteObject(pruned);
    }

    /// <summary>What the prune does, as -WhatIf and -Confirm say it.</summary>
    private string Action()
    {
        var action = All ? "Remove unused build cache" : "Remove dangling build cache";
        var limits = new List<string>();
        if (_filter!.Until is { } until)
        {
            limits.Add($"not used since {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}");
        }
        limits.AddRange(_filter.Values.Select(v => v.Value.Length == 0 ? v.Key : $"{v.Key} {v.Value}"));
        if (KeepStorage is not null)
        {
            limits.Add($"keeping {KeepStorage}");
        }
        return limits.Count == 0 ? action : $"{action} ({string.Join(", ", limits)})";
    }
}
