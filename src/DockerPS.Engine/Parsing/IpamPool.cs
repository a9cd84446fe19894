using System.Net;
using System.Net.Sockets;

namespace DockerPS.Parsing;

/// <summary>One address pool of a network (<c>docker network create --subnet --gateway --ip-range</c>).</summary>
public sealed record IpamPool(string Subnet, string? Gateway, string? IPRange)
{
    /// <summary>
    /// Pools from the subnets given, each gateway and IP range going to the subnet that contains it, as the docker
    /// CLI pairs them. Text that is not an address or CIDR, or that fits no subnet (or a subnet that already has
    /// one), throws <see cref="IpamFormatException"/> naming the parameter.
    /// </summary>
    public static IReadOnlyList<IpamPool> Parse(IReadOnlyList<string> subnets, IReadOnlyList<string> gateways, IReadOnlyList<string> ipRanges)
    {
        var networks = subnets.Select(s => Cidr(s, "Subnet")).ToArray();
        var pools = subnets.Select(s => new IpamPool(s, null, null)).ToArray();
        foreach (var gateway in gateways)
        {
            var address = ParseAddress(gateway) ?? throw new IpamFormatException("Gateway", gateway, $"'{gateway}' is not an IP address.");
            var i = PoolFor(networks, n => n.Contains(address), "Gateway", gateway);
            pools[i] = pools[i].Gateway is null ? pools[i] with { Gateway = gateway }
                : throw new IpamFormatException("Gateway", gateway, $"Subnet {pools[i].Subnet} already has gateway {pools[i].Gateway}.");
        }
        foreach (var range in ipRanges)
        {
            var network = Cidr(range, "IPRange");
            var i = PoolFor(networks, n => n.Contains(network.BaseAddress) && network.PrefixLength >= n.PrefixLength, "IPRange", range);
            pools[i] = pools[i].IPRange is null ? pools[i] with { IPRange = range }
                : throw new IpamFormatException("IPRange", range, $"Subnet {pools[i].Subnet} already has IP range {pools[i].IPRange}.");
        }
        return pools;
    }

    private static int PoolFor(IPNetwork[] subnets, Func<IPNetwork, bool> contains, string parameter, string value)
    {
        var i = Array.FindIndex(subnets, n => contains(n));
        return i >= 0 ? i : throw new IpamFormatException(parameter, value,
            subnets.Length == 0 ? $"-{parameter} needs a -Subnet that contains it." : $"'{value}' is in none of the subnets ({string.Join(", ", subnets)}).");
    }

    private static IPNetwork Cidr(string text, string parameter)
    {
        var slash = text.IndexOf('/');
        if (slash < 0 || ParseAddress(text[..slash]) is null || !int.TryParse(text[(slash + 1)..], out _))
        {
            throw new IpamFormatException(parameter, text, $"'{text}' is not a network in CIDR notation, such as 172.20.0.0/16.");
        }
        return IPNetwork.TryParse(text, out var network) ? network
            : throw new IpamFormatException(parameter, text, $"'{text}' is not a network: the prefix length is out of range.");
    }

    /// <summary>A full IPv4 (four numbers) or IPv6 address; IPAddress alone also takes shorthands such as <c>10.1</c>.</summary>
    public static IPAddress? ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':') : text.Count(c => c == '.') == 3)
            ? address
            : null;
}

/// <summary>A subnet, gateway or IP range that does not parse or fit, with the parameter it came from.</summary>
public sealed class IpamFormatException(string parameter, string value, string message) : FormatException(message)
{
    public string Parameter { get; } = parameter;

    public string Value { get; } = value;
}
