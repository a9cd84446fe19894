namespace DockerPS.Commands;

/// <summary>
/// Initialize- and Join-DockerSwarm: the engine becomes a node of a swarm. The parameters about that node (how the
/// others reach it, where it listens, its availability) are declared here once.
/// </summary>
public abstract class SwarmMemberCmdlet : DockerCmdlet
{
    /// <summary>The address other nodes reach this one at, address[:port] or an interface name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AdvertiseAddress { get; set; }

    /// <summary>Where the node listens for the managers, address[:port].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ListenAddress { get; set; } = "0.0.0.0:2377";

    /// <summary>The address or interface of overlay (data path) traffic.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPathAddress { get; set; }

    /// <summary>The node's availability once in the swarm.</summary>
    [Parameter]
    [ValidateSet("active", "pause", "drain")]
    public string? Availability { get; set; }

    protected override object? TargetOfItem => TargetEngine;

    /// <summary>The engine as a node, as the parameters say.</summary>
    protected SwarmMemberSettings Member => new()
    {
        AdvertiseAddress = AdvertiseAddress,
        ListenAddress = ListenAddress,
        DataPathAddress = DataPathAddress,
        Availability = Availability,
    };
}
