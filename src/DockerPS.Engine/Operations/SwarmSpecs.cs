using System.Text.Json.Nodes;

namespace DockerPS.Operations;

/// <summary>What <c>docker swarm init</c> and <c>docker swarm join</c> both take about the engine as a node; null is the engine's default.</summary>
public sealed class SwarmMemberSettings
{
    /// <summary>The address other nodes reach this one at, address[:port] or an interface name.</summary>
    public string? AdvertiseAddress { get; init; }

    /// <summary>Where the node listens for the managers, host:port (default 0.0.0.0:2377).</summary>
    public string ListenAddress { get; init; } = "0.0.0.0:2377";

    /// <summary>The address or interface of overlay (data path) traffic.</summary>
    public string? DataPathAddress { get; init; }

    /// <summary>The node's availability: active, pause or drain.</summary>
    public string? Availability { get; init; }
}

/// <summary>What <c>docker swarm init</c> takes; what is left null is the engine's default.</summary>
public sealed class SwarmInitSpec
{
    public SwarmMemberSettings Member { get; init; } = new();

    public uint? DataPathPort { get; init; }

    public bool ForceNewCluster { get; init; }

    public bool Autolock { get; init; }

    public IReadOnlyList<string> DefaultAddressPool { get; init; } = [];

    public uint? SubnetSize { get; init; }

    public long? TaskHistoryLimit { get; init; }
}

/// <summary>What <c>docker swarm join</c> takes.</summary>
public sealed class SwarmJoinSpec
{
    public required string Token { get; init; }

    /// <summary>Managers of the swarm, host[:port].</summary>
    public required IReadOnlyList<string> RemoteAddresses { get; init; }

    public SwarmMemberSettings Member { get; init; } = new();
}

/// <summary>
/// What <c>docker swarm update</c> changes, and what <c>docker swarm join-token --rotate</c> and
/// <c>docker swarm unlock-key --rotate</c> replace; what is left null or empty stays as it is.
/// </summary>
public sealed class SwarmUpdate
{
    public long? TaskHistoryLimit { get; init; }

    public bool? Autolock { get; init; }

    /// <summary>How long the node certificates the swarm issues are valid.</summary>
    public TimeSpan? CertExpiry { get; init; }

    /// <summary>How often nodes report to the managers that they are alive.</summary>
    public TimeSpan? DispatcherHeartbeat { get; init; }

    /// <summary>Raft log entries between snapshots.</summary>
    public ulong? SnapshotInterval { get; init; }

    /// <summary>Old raft snapshots kept besides the current one.</summary>
    public ulong? MaxSnapshots { get; init; }

    /// <summary>Labels to add or change.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of labels to remove.</summary>
    public IReadOnlyList<string> RemoveLabels { get; init; } = [];

    public bool RotateWorkerToken { get; init; }

    public bool RotateManagerToken { get; init; }

    public bool RotateUnlockKey { get; init; }

    /// <summary>
    /// The swarm's spec as the engine gave it, with these changes (durations in nanoseconds, as the engine writes them).
    /// Whatever else the spec holds is sent back as it came, fields this client has no model for too.
    /// </summary>
    internal void ApplyTo(JsonObject spec)
    {
        Set(spec, "Orchestration", "TaskHistoryRetentionLimit", TaskHistoryLimit);
        Set(spec, "EncryptionConfig", "AutoLockManagers", Autolock);
        Set(spec, "CAConfig", "NodeCertExpiry", CertExpiry?.Ticks * 100);
        Set(spec, "Dispatcher", "HeartbeatPeriod", DispatcherHeartbeat?.Ticks * 100);
        Set(spec, "Raft", "SnapshotInterval", SnapshotInterval);
        Set(spec, "Raft", "KeepOldSnapshots", MaxSnapshots);
        var labels = Section(spec, "Labels");
        foreach (var name in RemoveLabels)
        {
            labels.Remove(name);
        }
        foreach (var (name, value) in Labels)
        {
            labels[name] = value;
        }
    }

    /// <summary>The query of the update call: the version read, and what to rotate.</summary>
    internal string Query(ulong version) =>
        $"version={version}" + (RotateWorkerToken ? "&rotateWorkerToken=true" : "") + (RotateManagerToken ? "&rotateManagerToken=true" : "")
        + (RotateUnlockKey ? "&rotateManagerUnlockKey=true" : "");

    private static void Set<T>(JsonObject spec, string section, string name, T? value) where T : struct
    {
        if (value is { } set)
        {
            Section(spec, section)[name] = JsonValue.Create(set);
        }
    }

    private static JsonObject Section(JsonObject spec, string name)
    {
        if (spec[name] is not JsonObject section)
        {
            section = [];
            spec[name] = section;
        }
        return section;
    }
}
