using System.Globalization;

namespace DockerPS.Parsing;

/// <summary>A published port of a service: the swarm's PortConfig fields (mode ingress or host).</summary>
public sealed record ServicePort(int TargetPort, int? PublishedPort, string Protocol, string Mode)
{
    /// <summary>The key a port is replaced or removed by, <c>80/tcp</c>.</summary>
    public string Key => $"{TargetPort}/{Protocol}";
}

/// <summary>A secret or config a service's tasks get: its name in the swarm and the file it appears as.</summary>
public sealed record ServiceFileReference(string Source, string Target, string Uid, string Gid, uint Mode);

/// <summary>
/// The syntaxes of the <c>docker service create/update</c> flags that are the swarm's own, read as the docker CLI reads
/// them: <c>--publish</c> (short <c>[published:]target[/protocol]</c> or long <c>published=8080,target=80,mode=host</c>),
/// <c>--secret</c>/<c>--config</c> (a name, or <c>source=,target=,uid=,gid=,mode=</c>), <c>--constraint</c> and
/// <c>--placement-pref</c>. Bad text throws <see cref="FormatException"/> with a message that quotes it.
/// </summary>
public static class ServiceSyntax
{
    /// <summary>A <c>--publish</c> value: one port per target port of a range.</summary>
    public static IReadOnlyList<ServicePort> ParsePublish(string text)
    {
        if (!text.Contains('='))
        {
            var ports = PortSpec.Parse(text);
            if (ports.Any(p => p.HostIp.Length > 0))
            {
                throw new FormatException($"'{text}' is not a service port: a service publishes on every node, not on one address.");
            }
            return ports.Select(p => new ServicePort(p.ContainerPort, p.HostPort.Length == 0 ? null : Port(text, p.HostPort), p.Protocol, "ingress")).ToArray();
        }
        int? target = null, published = null;
        var (protocol, mode) = ("tcp", "ingress");
        foreach (var (key, value) in Fields(text, "service port"))
        {
            switch (key)
            {
                case "target":
                    target = Port(text, value);
                    break;
                case "published":
                    published = Port(text, value);
                    break;
                case "protocol" when value is "tcp" or "udp" or "sctp":
                    protocol = value;
                    break;
                case "mode" when value is "ingress" or "host":
                    mode = value;
                    break;
                default:
                    throw new FormatException($"'{text}' is not a service port: '{key}={value}' is not a known field with a valid value (target, published, protocol=tcp|udp|sctp, mode=ingress|host).");
            }
        }
        return target is { } port ? [new ServicePort(port, published, protocol, mode)] : throw new FormatException($"'{text}' is not a service port: target is required.");
    }

    /// <summary>A <c>--secret</c> or <c>--config</c> value; the file is named after the source unless a target is given.</summary>
    public static ServiceFileReference ParseFileReference(string text)
    {
        if (!text.Contains('='))
        {
            return text.Length > 0 && !text.Contains(',') ? new(text, text, "0", "0", Convert.ToUInt32("444", 8))
                : throw new FormatException($"'{text}' is not a secret or config: give a name, or source=,target=,uid=,gid=,mode=.");
        }
        string? source = null, target = null;
        var (uid, gid, mode) = ("0", "0", Convert.ToUInt32("444", 8));
        foreach (var (key, value) in Fields(text, "secret or config"))
        {
            switch (key)
            {
                case "source" or "src" when value.Length > 0:
                    source = value;
                    break;
                case "target" when value.Length > 0:
                    target = value;
                    break;
                case "uid" when uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    uid = value;
                    break;
                case "gid" when uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                    gid = value;
                    break;
                case "mode" when value.Length is > 0 and <= 4 && value.All(c => c is >= '0' and <= '7'):
                    mode = Convert.ToUInt32(value, 8);
                    break;
                default:
                    throw new FormatException($"'{text}' is not a secret or config: '{key}={value}' is not a known field with a valid value (source, target, uid, gid, mode in octal).");
            }
        }
        return source is null ? throw new FormatException($"'{text}' is not a secret or config: source is required.")
            : new(source, target ?? source, uid, gid, mode);
    }

    /// <summary>A <c>--constraint</c>: <c>attribute==value</c> or <c>attribute!=value</c>, e.g. <c>node.role==manager</c>.</summary>
    public static string ParseConstraint(string text)
    {
        var op = text.Contains("==", StringComparison.Ordinal) ? "==" : text.Contains("!=", StringComparison.Ordinal) ? "!=" : null;
        var parts = op is null ? [] : text.Split(op, 2);
        return parts is [{ } key, { } value] && key.Trim().Length > 0 && value.Trim().Length > 0 && !value.Contains('=')
            ? $"{key.Trim()}{op}{value.Trim()}"
            : throw new FormatException($"'{text}' is not a placement constraint: use attribute==value or attribute!=value (node.role==manager, node.labels.zone!=east).");
    }

    /// <summary>A <c>--placement-pref</c>, <c>spread=node.labels.zone</c>: the descriptor tasks spread over.</summary>
    public static string ParsePlacementPreference(string text) =>
        text.Split('=', 2) is ["spread", { Length: > 0 } descriptor] ? descriptor
            : throw new FormatException($"'{text}' is not a placement preference: use spread=<node attribute>, e.g. spread=node.labels.zone.");

    private static IEnumerable<(string Key, string Value)> Fields(string text, string what) =>
        text.Split(',', StringSplitOptions.TrimEntries).Select(field => field.Split('=', 2) is [var key, var value]
            ? (key.ToLowerInvariant(), value)
            : throw new FormatException($"'{text}' is not a {what}: '{field}' is not key=value."));

    private static int Port(string text, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port : throw new FormatException($"'{text}' is not a service port: '{value}' is not a port (1-65535).");
}
