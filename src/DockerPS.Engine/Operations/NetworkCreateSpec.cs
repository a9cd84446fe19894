using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>What <c>docker network create</c> takes.</summary>
public sealed class NetworkCreateSpec
{
    public required string Name { get; init; }

    public string Driver { get; init; } = "bridge";

    public IReadOnlyList<IpamPool> Pools { get; init; } = [];

    public bool Internal { get; init; }

    public bool Attachable { get; init; }

    public bool IPv6 { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The create body. CheckDuplicate, as the docker CLI sends it: engines before API 1.44 otherwise make a second
    /// network of the same name.
    /// </summary>
    internal Dictionary<string, object> ToBody() => new()
    {
        ["Name"] = Name,
        ["CheckDuplicate"] = true,
        ["Driver"] = Driver,
        ["Internal"] = Internal,
        ["Attachable"] = Attachable,
        ["EnableIPv6"] = IPv6,
        ["IPAM"] = new Dictionary<string, object>
        {
            ["Driver"] = "default",
            ["Config"] = Pools.Select(p => new Dictionary<string, string?> { ["Subnet"] = p.Subnet, ["Gateway"] = p.Gateway, ["IPRange"] = p.IPRange }
                .Where(e => e.Value is not null).ToDictionary()).ToArray(),
        },
        ["Labels"] = Labels,
        ["Options"] = Options,
    };
}
