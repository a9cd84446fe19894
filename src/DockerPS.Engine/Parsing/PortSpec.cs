using System.Globalization;

namespace DockerPS.Parsing;

/// <summary>
/// One published port in the docker CLI's <c>--publish</c> syntax, <c>[ip:][hostPort:]containerPort[/protocol]</c>,
/// where ports may be ranges (<c>8000-8010:80-90</c>) and IPv6 addresses are bracketed (<c>[::1]:8080:80</c>).
/// An empty host port lets the engine choose one.
/// </summary>
public sealed record PortSpec(string HostIp, string HostPort, int ContainerPort, string Protocol)
{
    /// <summary>The engine's key for the container side, e.g. <c>80/tcp</c>.</summary>
    public string Key => $"{ContainerPort}/{Protocol}";

    /// <summary>Every binding the text describes (one per container port of a range).</summary>
    public static IReadOnlyList<PortSpec> Parse(string text)
    {
        var spec = text.Trim();
        var protocol = "tcp";
        var slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = spec[(slash + 1)..].ToLowerInvariant();
            spec = spec[..slash];
            if (protocol is not ("tcp" or "udp" or "sctp"))
            {
                throw Invalid(text, $"the protocol must be tcp, udp or sctp, not '{protocol}'");
            }
        }
        var hostIp = string.Empty;
        if (spec.StartsWith('['))
        {
            var close = spec.IndexOf(']');
            if (close < 0 || close + 1 >= spec.Length || spec[close + 1] != ':')
            {
                throw Invalid(text, "a bracketed IPv6 address must be followed by ':'");
            }
            hostIp = spec[1..close];
            spec = spec[(close + 2)..];
            if (!spec.Contains(':'))
            {
                spec = ":" + spec;
            }
        }
        var parts = spec.Split(':');
        string hostPorts, containerPorts;
        switch (parts.Length)
        {
            case 1:
                (hostPorts, containerPorts) = (string.Empty, parts[0]);
                break;
            case 2:
                (hostPorts, containerPorts) = (parts[0], parts[1]);
                break;
            case 3 when hostIp.Length == 0:
                (hostIp, hostPorts, containerPorts) = (parts[0], parts[1], parts[2]);
                break;
            default:
                throw Invalid(text, "use [ip:][hostPort:]containerPort[/protocol]");
        }
        // IPAddress.TryParse also takes shorthands such as 1.2.3; the engine wants four octets or IPv6.
        if (hostIp.Length > 0 && !(System.Net.IPAddress.TryParse(hostIp, out _) && (hostIp.Contains(':') || hostIp.Split('.').Length == 4)))
        {
            throw Invalid(text, $"'{hostIp}' is not an IP address");
        }
        var (first, last) = Range(containerPorts, text);
        if (hostPorts.Length == 0)
        {
            return Enumerable.Range(first, last - first + 1).Select(p => new PortSpec(hostIp, string.Empty, p, protocol)).ToArray();
        }
        var (hostFirst, hostLast) = Range(hostPorts, text);
        if (first == last)
        {
            // A host range for one container port: the engine picks a free port in it.
            return [new PortSpec(hostIp, hostFirst == hostLast ? Port(hostFirst) : $"{hostFirst}-{hostLast}", first, protocol)];
        }
        if (hostLast - hostFirst != last - first)
        {
            throw Invalid(text, "the host and container port ranges must have the same length");
        }
        return Enumerable.Range(0, last - first + 1).Select(i => new PortSpec(hostIp, Port(hostFirst + i), first + i, protocol)).ToArray();
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static (int First, int Last) Range(string text, string whole)
    {
        var bounds = text.Split('-');
        if (bounds.Length > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 65535))
        {
            throw Invalid(whole, $"'{text}' is not a port (1-65535) or a port range");
        }
        var first = int.Parse(bounds[0], CultureInfo.InvariantCulture);
        var last = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
        return last < first ? throw Invalid(whole, $"the range '{text}' ends before it starts") : (first, last);
    }

    private static FormatException Invalid(string text, string why) => new($"'{text}' is not a port to publish: {why}.");
}
