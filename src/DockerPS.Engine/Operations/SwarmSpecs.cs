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
