namespace DockerPS.Commands;

/// <summary>
/// <c>docker events</c>: the engine's events as objects. Without -Follow or -Until, the past events up to now (as
/// <c>docker events --until now</c>); with -Follow, new events as they happen until Ctrl+C or -Until.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerEvent", DefaultParameterSetName = DefaultSet)]
[OutputType(typeof(EngineEvent))]
public sealed class GetDockerEventCommand : DockerListCmdlet
{
    private const string DefaultSet = "Default";

    private bool _valid;
    private DateTimeOffset? _since;
    private DateTimeOffset? _until;

    /// <summary>Events from this time on: a DateTime, a TimeSpan back from now, or text as <c>docker events --since</c> takes it.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Since { get; set; }

    /// <summary>Events up to this time, in the forms -Since takes; a time to come ends the stream then.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Until { get; set; }

    /// <summary>Keeps writing new events as they happen, until Ctrl+C (or -Until).</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    /// <summary>The filter keys of <c>docker events --filter</c>; some engines (20.10) ignore unknown keys, so they are checked here.</summary>
    private static readonly HashSet<string> FilterKeys = new(StringComparer.Ordinal)
    {
        "config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "type", "volume",
    };

    /// <summary>Checks the times and filter keys before any engine call.</summary>
    protected override void BeginProcessing()
    {
        var now = DateTimeOffset.Now;
        _valid = Time(nameof(Since), Since, now, out _since) && Time(nameof(Until), Until, now, out _until) && KnownFilters();
        // Without -Follow the stream ends at once: the past events only.
        _until ??= Follow ? null : now;
    }

    protected override void ProcessItem()
    {
        // A bad -Since, -Until or -Filter was reported once, before any engine call.
        if (!_valid)
        {
            return;
        }
        var engine = TargetEngine;
        var options = new EventOptions { Since = _since, Until = _until, Filters = Filters() };
        if (Follow)
        {
            Follow(ct => EventOperations.ReadAsync(engine, options, ct));
            return;
        }
        foreach (var engineEvent in AwaitEach(ct => EventOperations.ReadAsync(engine, options, ct)))
        {
            WriteObject(engineEvent);
        }
    }

    protected override void EndProcessing() => WriteFollowed();

    /// <summary>False (with an InvalidFilter error) when -Filter has a key <c>docker events</c> does not know.</summary>
    private bool KnownFilters()
    {
        var unknown = Filter?.Keys.Cast<object>().Select(LanguagePrimitives.ConvertTo<string>).FirstOrDefault(key => !FilterKeys.Contains(key));
        if (unknown is null)
        {
            return true;
        }
        WriteError(ErrorFor(ErrorCatalog.InvalidFilter, new ArgumentException($"'{unknown}' is not an event filter: use {string.Join(", ", FilterKeys.Order())}."), Filter));
        return false;
    }
}
