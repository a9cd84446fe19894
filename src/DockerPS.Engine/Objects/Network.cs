using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A network as <c>docker network inspect</c> shows it, with the engine it came from.</summary>
public sealed class Network
{
    /// <param name="inspected">True for an inspect answer; the engine's list leaves the attached containers out.</param>
    internal Network(NetworkResponse raw, bool inspected, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
        var pools = raw.IPAM?.Config ?? [];
        Subnets = pools.Select(p => p.Subnet).Where(s => !string.IsNullOrEmpty(s)).ToArray();
        Gateways = pools.Select(p => p.Gateway).Where(g => !string.IsNullOrEmpty(g)).ToArray();
        Labels = raw.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Labels);
        Options = raw.Options is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Options);
        Containers = inspected
            ? (raw.Containers ?? new Dictionary<string, EndpointResource>()).Select(c => new NetworkEndpoint(c.Key, c.Value, engine)).ToArray()
            : null;
    }

    public string Id => Raw.ID;

    public string Name => Raw.Name;

    /// <summary>bridge, host, null, overlay, macvlan, … or a plugin's name.</summary>
    public string Driver => Raw.Driver;

    /// <summary>local, global or swarm.</summary>
    public string Scope => Raw.Scope;

    /// <summary>No route out of the network.</summary>
    public bool Internal => Raw.Internal;

    /// <summary>Standalone containers may join a swarm-scoped network.</summary>
    public bool Attachable => Raw.Attachable;

    public bool IPv6 => Raw.EnableIPv6;

    /// <summary>The subnets of the network's address pools, in CIDR notation.</summary>
    public IReadOnlyList<string> Subnets { get; }

    public IReadOnlyList<string> Gateways { get; }

    public Dictionary<string, string> Labels { get; }

    /// <summary>Driver options, e.g. <c>com.docker.network.bridge.name</c>.</summary>
    public Dictionary<string, string> Options { get; }

    public DateTime Created => Raw.Created.ToLocalTime();

    /// <summary>The attached containers; null when the network came from the engine's list, which leaves them out (Get-DockerNetwork -Detail inspects).</summary>
    public IReadOnlyList<NetworkEndpoint>? Containers { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged.</summary>
    public NetworkResponse Raw { get; }

    public override string ToString() => Name;
}

/// <summary>A container attached to a network: its name and id (so it pipes into container cmdlets) and its addresses there.</summary>
public sealed class NetworkEndpoint
{
    internal NetworkEndpoint(string containerId, EndpointResource raw, DockerEngine engine)
    {
        Id = containerId;
        Raw = raw;
        Engine = engine;
    }

    /// <summary>The container's id.</summary>
    public string Id { get; }

    /// <summary>The container's name.</summary>
    public string Name => Raw.Name;

    public string EndpointId => Raw.EndpointID;

    /// <summary>The container's IPv4 address on the network with its prefix length, e.g. <c>172.20.0.2/16</c>.</summary>
    public string? IPv4Address => string.IsNullOrEmpty(Raw.IPv4Address) ? null : Raw.IPv4Address;

    public string? IPv6Address => string.IsNullOrEmpty(Raw.IPv6Address) ? null : Raw.IPv6Address;

    public string MacAddress => Raw.MacAddress;

    public DockerEngine Engine { get; }

    public EndpointResource Raw { get; }

    public override string ToString() => Name;
}
