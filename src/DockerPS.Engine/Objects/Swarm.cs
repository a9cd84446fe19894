using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>The swarm an engine manages, as the swarm inspect call answers it (with the join tokens), and that engine.</summary>
public sealed class Swarm
{
    private readonly SwarmInspectResponse _raw;

    internal Swarm(SwarmInspectResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Labels = new(raw.Spec?.Labels);
        DefaultAddressPool = new(raw.DefaultAddrPool);
    }

    public string Id => _raw.ID;

    public DateTime Created => _raw.CreatedAt?.ToLocalTime() ?? default;

    public DateTime Updated => _raw.UpdatedAt?.ToLocalTime() ?? default;

    public ValueMap Labels { get; }

    /// <summary>The token a worker joins with (<c>docker swarm join-token worker</c>).</summary>
    public string WorkerJoinToken => _raw.JoinTokens?.Worker ?? string.Empty;

    /// <summary>The token a manager joins with (<c>docker swarm join-token manager</c>).</summary>
    public string ManagerJoinToken => _raw.JoinTokens?.Manager ?? string.Empty;

    /// <summary>Managers lock their keys at rest: a restarted one needs the unlock key.</summary>
    public bool Autolock => _raw.Spec?.EncryptionConfig?.AutoLockManagers == true;

    /// <summary>How many old tasks a service keeps per slot.</summary>
    public long TaskHistoryLimit => _raw.Spec?.Orchestration?.TaskHistoryRetentionLimit ?? 0;

    /// <summary>How long the node certificates the swarm issues are valid (default 90 days).</summary>
    public TimeSpan CertExpiry => _raw.Spec?.CAConfig?.NodeCertExpiry ?? default;

    /// <summary>How often nodes report to the managers that they are alive (default 5 s).</summary>
    public TimeSpan DispatcherHeartbeat => _raw.Spec?.Dispatcher?.HeartbeatPeriod ?? default;

    /// <summary>Raft log entries between snapshots (default 10000).</summary>
    public ulong SnapshotInterval => _raw.Spec?.Raft?.SnapshotInterval ?? 0;

    /// <summary>Old raft snapshots kept besides the current one (default 0).</summary>
    public ulong MaxSnapshots => _raw.Spec?.Raft?.KeepOldSnapshots ?? 0;

    /// <summary>The pools (CIDR) that swarm networks take their subnets from.</summary>
    public ValueList<string> DefaultAddressPool { get; }

    /// <summary>The prefix length of the subnets taken from the pool.</summary>
    public uint SubnetSize => _raw.SubnetSize;

    /// <summary>The UDP port of overlay (vxlan) traffic.</summary>
    public uint DataPathPort => _raw.DataPathPort;

    /// <summary>The version of the swarm's record, which an update names.</summary>
    public ulong Version => _raw.Version?.Index ?? 0;

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public SwarmInspectResponse GetRaw() => _raw;

    public override string ToString() => Id;
}
