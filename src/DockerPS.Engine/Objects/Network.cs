using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A network as <c>docker network inspect</c> shows it, with the engine it came from.</summary>
public sealed class Network
{
    private readonly NetworkResponse _raw;

    /// <param name="inspected">True for an inspect answer; the engine's list leaves the attached containers out.</param>
    internal Network(NetworkResponse raw, bool inspected, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        var pools = raw.IPAM?.Config ?? [];
        Subnets = new(pools.Select(p => p.Subnet).Where(s => !string.IsNullOrEmpty(s)));
        Gateways = new(pools.Select(p => p.Gateway).Where(g => !string.IsNullOrEmpty(g)));
        Labels = new(raw.Labels);
        Options = new(raw.Options);
        Containers = inspected ? new(raw.Containers?.Select(c => new NetworkEndpoint(c.Key, c.Value, engine))) : null;
    }

    public string Id => _raw.ID;

    public string Name => _raw.Name;

    /// <summary>bridge, host, null, overlay, macvlan, … or a plugin's name.</summary>
    public string Driver => _raw.Driver;

    /// <summary>local, global or swarm.</summary>
    public string Scope => _raw.Scope;

    /// <summary>No route out of the network.</summary>
    public bool Internal => _raw.Internal;

    /// <summary>Standalone containers may join a swarm-scoped network.</summary>
    public bool Attachable => _raw.Attachable;

    public bool IPv6 => _raw.EnableIPv6;

    /// <summary>The subnets of the network's address pools, in CIDR notation.</summary>
    public ValueList<string> Subnets { get; }

    public ValueList<string> Gateways { get; }

    public ValueMap Labels { get; }

    /// <summary>Driver options, e.g. <c>com.docker.network.bridge.name</c>.</summary>
    public ValueMap Options { get; }

    public DateTime Created => _raw.Created.ToLocalTime();

    /// <summary>The attached containers; null when the network came from the engine's list, which leaves them out (Get-DockerNetwork -Detail inspects).</summary>
    public ValueList<NetworkEndpoint>? Containers { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public NetworkResponse GetRaw() => _raw;

    public override string ToString() => Name;
}

/// <summary>
/// A container attached to a network: its name and id (so it pipes into container cmdlets) and its addresses there. Its
/// engine, the network's, is the hidden property Engine in PowerShell, which keeps a network's JSON within
/// ConvertTo-Json's default depth; piping still routes each endpoint to that engine.
/// </summary>
public sealed class NetworkEndpoint
{
    private readonly EndpointResource _raw;
    private readonly DockerEngine _engine;

    internal NetworkEndpoint(string containerId, EndpointResource raw, DockerEngine engine)
    {
        Id = containerId;
        _raw = raw;
        _engine = engine;
    }

    /// <summary>The container's id.</summary>
    public string Id { get; }

    /// <summary>The container's name.</summary>
    public string Name => _raw.Name;

    public string EndpointId => _raw.EndpointID;

    /// <summary>The container's IPv4 address on the network with its prefix length, e.g. <c>172.20.0.2/16</c>.</summary>
    public string? IPv4Address => string.IsNullOrEmpty(_raw.IPv4Address) ? null : _raw.IPv4Address;

    public string? IPv6Address => string.IsNullOrEmpty(_raw.IPv6Address) ? null : _raw.IPv6Address;

    public string MacAddress => _raw.MacAddress;

    public DockerEngine GetEngine() => _engine;

    /// <summary>The engine's endpoint entry, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public EndpointResource GetRaw() => _raw;

    public override string ToString() => Name;
}
