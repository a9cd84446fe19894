using System.Globalization;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>A <c>--ulimit</c>: <c>name=soft[:hard]</c>, the hard limit being the soft one when left out.</summary>
public sealed record UlimitSpec(string Name, long Soft, long Hard);

/// <summary>A <c>--device</c>: <c>host[:container][:permissions]</c>, permissions a mix of r, w and m (rwm by default).</summary>
public sealed record DeviceSpec(string PathOnHost, string PathInContainer, string CgroupPermissions);

/// <summary>A <c>--gpus</c> request as the engine's DeviceRequest: Count -1 is all GPUs.</summary>
public sealed record GpuRequest(string Driver, int Count, IReadOnlyList<string>? DeviceIds, IReadOnlyList<string> Capabilities, IReadOnlyDictionary<string, string> Options);

/// <summary>
/// A health check (<c>--health-*</c>, <c>--no-healthcheck</c>) as the engine's HealthConfig: durations in nanoseconds,
/// null fields left to the image's HEALTHCHECK.
/// </summary>
public sealed record HealthcheckSpec(IReadOnlyList<string>? Test, long? Interval, long? Timeout, long? StartPeriod, int? Retries)
{
    /// <summary>
    /// The check from the flags, null when none was given: one command text runs in the shell (CMD-SHELL, as with
    /// <c>--health-cmd</c>), several are the command and its arguments (CMD); <paramref name="none"/> disables the
    /// image's check (NONE) and conflicts with every other setting.
    /// </summary>
    public static HealthcheckSpec? Create(IReadOnlyList<string>? command, long? interval, long? timeout, long? startPeriod, int? retries, bool none)
    {
        var check = new HealthcheckSpec(command switch { null or [] => null, [var shell] => ["CMD-SHELL", shell], _ => ["CMD", .. command] },
            interval, timeout, startPeriod, retries);
        if (none)
        {
            return check == new HealthcheckSpec(null, null, null, null, null) ? new HealthcheckSpec(["NONE"], null, null, null, null)
                : throw new FormatException("No health check conflicts with the health check settings (-HealthCommand, -HealthInterval, ...).");
        }
        return check == new HealthcheckSpec(null, null, null, null, null) ? null : check;
    }

    /// <summary>A <c>--health-interval</c>, <c>--health-timeout</c> or <c>--health-start-period</c>: a Go duration, not negative.</summary>
    public static long ParseDuration(string text) =>
        DockerUnits.ParseNanoseconds(text) is var nanoseconds and >= 0 ? nanoseconds : throw new FormatException($"'{text}' is negative: a health check duration is 0 or more.");
}

/// <summary>
/// The syntaxes of the <c>docker run</c> flags beyond ports, volumes, mounts and sizes, read as the docker CLI reads
/// them (its opts package and go-units) and checked as strictly. Bad text throws <see cref="FormatException"/> with a
/// message that quotes it.
/// </summary>
public static partial class RunSyntax
{
    private static readonly HashSet<string> UlimitNames =
        ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];

    /// <summary>The sysctls the docker CLI lets through (namespaced ones): these names and the net.* and fs.mqueue.* families.</summary>
    private static readonly HashSet<string> Sysctls =
        ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    [GeneratedRegex(@"^((?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))*)\.?\s*$")]
    private static partial Regex Domain();

    /// <summary>An <c>--add-host</c> entry, <c>name:ip</c> or <c>name=ip</c> (the IP may be bracketed, or host-gateway), as the engine takes it: <c>name:ip</c>.</summary>
    public static string ParseExtraHost(string text)
    {
        var (name, address) = Cut(text, '=') ?? Cut(text, ':') ?? throw new FormatException($"'{text}' is not a host entry: use name:ip or name=ip.");
        if (name.Length == 0 || name.Contains(':'))
        {
            throw new FormatException($"'{text}' is not a host entry: use name:ip or name=ip.");
        }
        if (address != "host-gateway")
        {
            address = address is ['[', .., ']'] && address.Length > 2 ? address[1..^1] : address;
            _ = IpamPool.ParseAddress(address) ?? throw new FormatException($"'{text}' has no IP address: '{address}' is neither an address nor host-gateway.");
        }
        return $"{name}:{address}";
    }

    /// <summary>A <c>--ulimit</c>, <c>name=soft[:hard]</c>, as go-units reads it: a known name, and soft not above hard (unless hard is -1).</summary>
    public static UlimitSpec ParseUlimit(string text)
    {
        var (name, limits) = Cut(text, '=') ?? throw new FormatException($"'{text}' is not a ulimit: use name=soft[:hard], e.g. nofile=1024:2048.");
        if (!UlimitNames.Contains(name))
        {
            throw new FormatException($"'{text}' is not a ulimit: '{name}' is none of {string.Join(", ", UlimitNames)}.");
        }
        var values = limits.Split(':');
        if (values.Length > 2 || !values.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"'{text}' is not a ulimit: the limits are soft[:hard], whole numbers.");
        }
        var soft = long.Parse(values[0], CultureInfo.InvariantCulture);
        var hard = values.Length == 2 ? long.Parse(values[1], CultureInfo.InvariantCulture) : soft;
        return hard != -1 && soft > hard ? throw new FormatException($"'{text}': the soft limit {soft} is above the hard limit {hard}.") : new UlimitSpec(name, soft, hard);
    }

    /// <summary>A <c>--device</c>, <c>host[:container][:permissions]</c>, with an absolute container path.</summary>
    public static DeviceSpec ParseDevice(string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 3 || parts[0].Length == 0)
        {
            throw new FormatException($"'{text}' is not a device: use host[:container][:permissions].");
        }
        var (container, permissions) = parts.Length switch
        {
            1 => (parts[0], "rwm"),
            2 when IsDeviceMode(parts[1]) => (parts[0], parts[1]),
            2 => (parts[1], "rwm"),
            _ => (parts[1], IsDeviceMode(parts[2]) ? parts[2] : throw new FormatException($"'{text}' is not a device: the permissions '{parts[2]}' are not a mix of r, w and m.")),
        };
        return container.StartsWith('/') ? new DeviceSpec(parts[0], container, permissions)
            : throw new FormatException($"'{text}' is not a device: the path '{container}' is not absolute.");
    }

    private static bool IsDeviceMode(string mode) => mode.Length > 0 && mode.All("rwm".Contains) && mode.Distinct().Count() == mode.Length;

    /// <summary>
    /// A <c>--gpus</c> request: <c>all</c>, a count, or comma-separated fields (CSV, so <c>"device=0,1"</c> quotes its
    /// list) count, device, driver, capabilities and options, each once. Capabilities always include gpu; without a
    /// count or devices, the count is 1.
    /// </summary>
    public static GpuRequest ParseGpus(string text)
    {
        var request = new GpuRequest("", 0, null, ["gpu"], new Dictionary<string, string>());
        var seen = new HashSet<string>();
        foreach (var field in SplitCsv(text))
        {
            var (key, value) = Cut(field, '=') ?? ("count", field);
            if (!seen.Add(key))
            {
                throw new FormatException($"'{text}' is not a GPU request: '{key}' is given twice.");
            }
            request = key switch
            {
                "count" => request with { Count = value == "all" ? -1 : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) ? count
                    : throw new FormatException($"'{text}' is not a GPU request: the count '{value}' is neither all nor a number.") },
                "driver" => request with { Driver = value },
                "device" => request with { DeviceIds = value.Split(',') },
                "capabilities" => request with { Capabilities = [.. value.Split(','), "gpu"] },
                "options" => request with { Options = KeyValues(SplitCsv(value)) },
                _ => throw new FormatException($"'{text}' is not a GPU request: unknown field '{key}' (use count, device, driver, capabilities or options)."),
            };
        }
        return seen.Contains("count") || request.DeviceIds is not null ? request : request with { Count = 1 };
    }

    /// <summary>A <c>--tmpfs</c>, <c>path[:options]</c>, with an absolute path; the options go to the engine as they are.</summary>
    public static KeyValuePair<string, string> ParseTmpfs(string text)
    {
        var (path, options) = Cut(text, ':') ?? (text, "");
        return path.StartsWith('/') ? KeyValuePair.Create(path, options) : throw new FormatException($"'{text}' is not a tmpfs mount: the path '{path}' is not absolute.");
    }

    /// <summary>A <c>--sysctl</c>, <c>name=value</c>, limited as the docker CLI limits it to the sysctls a container has its own copy of.</summary>
    public static KeyValuePair<string, string> ParseSysctl(string text)
    {
        var (name, value) = Cut(text, '=') ?? throw new FormatException($"'{text}' is not a sysctl: use name=value.");
        return Sysctls.Contains(name) || name.StartsWith("net.", StringComparison.Ordinal) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal)
            ? KeyValuePair.Create(name, value)
            : throw new FormatException($"'{text}' is not allowed: a container may set only net.*, fs.mqueue.* and {string.Join(", ", Sysctls)}.");
    }

    /// <summary>
    /// A <c>--security-opt</c>, <c>key=value</c> (or <c>key:value</c>, or <c>no-new-privileges</c>) as the engine takes
    /// it: <c>seccomp=</c> a file sends the file's JSON (read with <paramref name="readFile"/>), and
    /// <c>systempaths=unconfined</c>, which the engine does not know, is null: it clears the masked and read-only paths.
    /// </summary>
    public static string? ParseSecurityOption(string text, Func<string, string> readFile)
    {
        var (key, value) = Cut(text, '=') ?? (text == "no-new-privileges" ? (text, "") : Cut(text, ':') ?? (text, ""));
        if (value.Length == 0 && key != "no-new-privileges")
        {
            throw new FormatException($"'{text}' is not a security option: use key=value, e.g. seccomp=unconfined, or no-new-privileges.");
        }
        if (text == "systempaths=unconfined")
        {
            return null;
        }
        if (key != "seccomp" || value is "builtin" or "unconfined")
        {
            return text;
        }
        try
        {
            using var profile = JsonDocument.Parse(readFile(value));
            return "seccomp=" + JsonSerializer.Serialize(profile.RootElement, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new FormatException($"'{text}': the seccomp profile '{value}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Capabilities as the docker CLI sends them: upper case, with the CAP_ prefix (but ALL), each once, sorted.</summary>
    public static IReadOnlyList<string> NormalizeCapabilities(IEnumerable<string> capabilities) =>
        capabilities.Select(c => c.Trim().ToUpperInvariant()).Select(c => c == "ALL" || c.StartsWith("CAP_", StringComparison.Ordinal) ? c : "CAP_" + c)
            .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// A namespace mode (<c>--ipc</c>, <c>--pid</c>, <c>--uts</c>, <c>--userns</c>): host for all four; container:NAME for ipc
    /// and pid; none, private and shareable for ipc.
    /// </summary>
    public static string ParseNamespaceMode(string flag, string text)
    {
        var valid = text == "host"
            || (flag is "ipc" or "pid" && text.StartsWith("container:", StringComparison.Ordinal) && text.Length > "container:".Length)
            || (flag == "ipc" && text is "none" or "private" or "shareable");
        var modes = flag switch { "ipc" => "none, private, shareable, host or container:NAME", "pid" => "host or container:NAME", _ => "host" };
        return valid ? text : throw new FormatException($"'{text}' is not a --{flag} mode: use {modes}.");
    }

    /// <summary>A <c>--dns-search</c> domain (or <c>.</c> for none), as the docker CLI checks it.</summary>
    public static string ParseDnsSearch(string text)
    {
        var domain = text.Trim(' ');
        if (domain == ".")
        {
            return domain;
        }
        return domain.Any(char.IsAsciiLetter) && Domain().Match(domain) is { Success: true } match && match.Groups[1].Length < 255
            ? match.Groups[1].Value
            : throw new FormatException($"'{text}' is not a domain.");
    }

    /// <summary>An IP address of the given family (<c>--ip</c>, <c>--ip6</c>, <c>--dns</c>: any family when null).</summary>
    public static string ParseAddress(string text, AddressFamily? family = null) =>
        IpamPool.ParseAddress(text) is { } address && (family is null || address.AddressFamily == family)
            ? text
            : throw new FormatException($"'{text}' is not an {(family == AddressFamily.InterNetworkV6 ? "IPv6" : family is null ? "IP" : "IPv4")} address.");

    /// <summary>An <c>--expose</c> port or range, <c>port[-port][/protocol]</c>, as the engine's port keys.</summary>
    public static IEnumerable<string> ParseExpose(string text) =>
        text.Contains(':') ? throw new FormatException($"'{text}' is not a port to expose: use port[/protocol] or a range, without a host part.")
            : PortSpec.Parse(text).Select(p => p.Key);

    /// <summary>A <c>--log-opt</c>, <c>key=value</c> (a bare key has an empty value).</summary>
    public static KeyValuePair<string, string> ParseLogOption(string text)
    {
        var (key, value) = Cut(text, '=') ?? (text, "");
        return key.Length > 0 ? KeyValuePair.Create(key, value) : throw new FormatException($"'{text}' is not a log option: use key=value.");
    }

    /// <summary>
    /// The fields of one line of CSV as Go's encoding/csv reads them (the docker CLI's --gpus and --mount): commas
    /// separate fields, a field that starts with a quote runs to the next lone quote (<c>""</c> is a quote), and a
    /// quote anywhere else is an error.
    /// </summary>
    public static IReadOnlyList<string> SplitCsv(string text)
    {
        var fields = new List<string>();
        var position = 0;
        while (true)
        {
            var field = new System.Text.StringBuilder();
            if (position < text.Length && text[position] == '"')
            {
                for (position++; ; position++)
                {
                    if (position >= text.Length)
                    {
                        throw new FormatException($"'{text}' has a quoted field without its closing quote.");
                    }
                    if (text[position] == '"')
                    {
                        if (position + 1 < text.Length && text[position + 1] == '"')
                        {
                            position++;
                        }
                        else
                        {
                            position++;
                            break;
                        }
                    }
                    field.Append(text[position]);
                }
                if (position < text.Length && text[position] != ',')
                {
                    throw new FormatException($"'{text}' has text after a quoted field's closing quote.");
                }
            }
            else
            {
                var end = text.IndexOf(',', position);
                var plain = end < 0 ? text[position..] : text[position..end];
                field.Append(plain.Contains('"') ? throw new FormatException($"'{text}' has a quote inside a field that does not start with one.") : plain);
                position += plain.Length;
            }
            fields.Add(field.ToString());
            if (position >= text.Length)
            {
                return fields.Count == 1 && fields[0].Length == 0 ? throw new FormatException("An empty value is not a list of fields.") : fields;
            }
            position++;
        }
    }

    private static Dictionary<string, string> KeyValues(IEnumerable<string> entries) =>
        entries.Select(e => Cut(e, '=') ?? (e, "")).GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.Last().Item2);

    private static (string, string)? Cut(string text, char separator) =>
        text.IndexOf(separator) is var at and >= 0 ? (text[..at], text[(at + 1)..]) : null;
}
