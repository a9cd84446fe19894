using System.Collections;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker swarm update</c>, <c>docker swarm join-token --rotate</c> and <c>docker swarm unlock-key --rotate</c>: changes
/// the settings of the swarm an engine manages and replaces its join tokens or unlock key. Settings not given stay as
/// they are.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DockerSwarm", SupportsShouldProcess = true)]
[OutputType(typeof(Swarm))]
public sealed class SetDockerSwarmCommand : DockerCmdlet
{
    private TimeSpan? _certExpiry;
    private TimeSpan? _dispatcherHeartbeat;

    /// <summary>Old tasks each service keeps per slot.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long TaskHistoryLimit { get; set; }

    /// <summary>$true: managers lock their keys at rest, and a restarted one needs the unlock key; $false: they do not.</summary>
    [Parameter]
    public bool Autolock { get; set; }

    /// <summary>How long node certificates are valid, a Go duration such as 720h.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertExpiry { get; set; }

    /// <summary>How often nodes report that they are alive, a Go duration such as 5s.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DispatcherHeartbeat { get; set; }

    /// <summary>Raft log entries between snapshots.</summary>
    [Parameter]
    [ValidateRange(1, ulong.MaxValue)]
    public ulong SnapshotInterval { get; set; }

    /// <summary>Old raft snapshots kept besides the current one.</summary>
    [Parameter]
    public ulong MaxSnapshots { get; set; }

    /// <summary>Labels of the swarm to add or change, name to value.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Names of labels to remove.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveLabel { get; set; }

    /// <summary>Replaces the token workers join with; the old one no longer admits a new node.</summary>
    [Parameter]
    public SwitchParameter RotateWorkerToken { get; set; }

    /// <summary>Replaces the token managers join with.</summary>
    [Parameter]
    public SwitchParameter RotateManagerToken { get; set; }

    /// <summary>Replaces the unlock key; the old one no longer unlocks a manager.</summary>
    [Parameter]
    public SwitchParameter RotateUnlockKey { get; set; }

    /// <summary>Writes the swarm after updating it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override object? TargetOfItem => TargetEngine;

    /// <summary>Nothing to change, or a duration that is none, is the same mistake for every engine: it stops the cmdlet.</summary>
    protected override void BeginProcessing()
    {
        string[] settings = [nameof(TaskHistoryLimit), nameof(Autolock), nameof(CertExpiry), nameof(DispatcherHeartbeat), nameof(SnapshotInterval),
            nameof(MaxSnapshots), nameof(Label), nameof(RemoveLabel), nameof(RotateWorkerToken), nameof(RotateManagerToken), nameof(RotateUnlockKey)];
        if (!settings.Any(MyInvocation.BoundParameters.ContainsKey))
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.NothingToUpdate,
                new PSArgumentException($"Give at least one setting to change: {string.Join(", ", settings.Select(s => "-" + s))}."), null));
        }
        try
        {
            _certExpiry = InvalidParameterSyntaxException.ParseOptional<TimeSpan?>(nameof(CertExpiry), CertExpiry, text => DockerUnits.ParseDuration(text));
            _dispatcherHeartbeat = InvalidParameterSyntaxException.ParseOptional<TimeSpan?>(nameof(DispatcherHeartbeat), DispatcherHeartbeat, text => DockerUnits.ParseDuration(text));
        }
        catch (InvalidParameterSyntaxException e)
        {
            ThrowTerminatingError(ErrorFor(e, null));
        }
    }

    protected override void ProcessItem()
    {
        var update = new SwarmUpdate
        {
            TaskHistoryLimit = BoundOrNull(nameof(TaskHistoryLimit), TaskHistoryLimit),
            Autolock = BoundOrNull(nameof(Autolock), Autolock),
            CertExpiry = _certExpiry,
            DispatcherHeartbeat = _dispatcherHeartbeat,
            SnapshotInterval = BoundOrNull(nameof(SnapshotInterval), SnapshotInterval),
            MaxSnapshots = BoundOrNull(nameof(MaxSnapshots), MaxSnapshots),
            Labels = Strings(Label),
            RemoveLabels = RemoveLabel ?? [],
            RotateWorkerToken = RotateWorkerToken,
            RotateManagerToken = RotateManagerToken,
            RotateUnlockKey = RotateUnlockKey,
        };
        if (!ShouldProcess(TargetEngine.Name, $"Update the swarm ({Describe(update)})"))
        {
            return;
        }
        Await(ct => SwarmOperations.UpdateAsync(TargetEngine, update, ct));
        if (update.Autolock == true || RotateUnlockKey)
        {
            WriteWarning("A manager of this swarm that restarts stays locked until Unlock-DockerSwarm is given the unlock key: keep the key "
                + "that Get-DockerSwarmUnlockKey shows in a password manager.");
        }
        if (PassThru)
        {
            WriteObject(Await(ct => SwarmOperations.InspectAsync(TargetEngine, ct)));
        }
    }

    /// <summary>The changes, for -WhatIf and -Confirm.</summary>
    private static string Describe(SwarmUpdate update) => string.Join(", ", new[]
    {
        update.TaskHistoryLimit is { } limit ? $"task history limit {limit}" : null,
        update.Autolock is { } autolock ? $"autolock {(autolock ? "on" : "off")}" : null,
        update.CertExpiry is { } expiry ? $"certificate expiry {expiry}" : null,
        update.DispatcherHeartbeat is { } heartbeat ? $"dispatcher heartbeat {heartbeat}" : null,
        update.SnapshotInterval is { } interval ? $"snapshot interval {interval}" : null,
        update.MaxSnapshots is { } snapshots ? $"max snapshots {snapshots}" : null,
        update.Labels.Count > 0 ? $"labels {string.Join(' ', update.Labels.Select(l => $"{l.Key}={l.Value}"))}" : null,
        update.RemoveLabels.Count > 0 ? $"remove labels {string.Join(' ', update.RemoveLabels)}" : null,
        update.RotateWorkerToken ? "rotate the worker join token" : null,
        update.RotateManagerToken ? "rotate the manager join token" : null,
        update.RotateUnlockKey ? "rotate the unlock key" : null,
    }.OfType<string>());
}
