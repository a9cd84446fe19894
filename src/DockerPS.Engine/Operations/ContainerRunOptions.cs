using System.Text.Json.Nodes;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// The <c>docker create</c>/<c>docker run</c> settings beyond the basics of <see cref="ContainerCreateSpec"/>, already
/// parsed: each is left out of the request when it is null, false or empty, so the engine (or the image) decides.
/// </summary>
public sealed record ContainerRunOptions
{
    // Config.
    public IReadOnlyList<string> Expose { get; init; } = [];
    public HealthcheckSpec? Healthcheck { get; init; }
    public int? StopTimeout { get; init; }
    public string? StopSignal { get; init; }

    // HostConfig.
    public bool Privileged { get; init; }
    public bool ReadOnly { get; init; }
    public bool Init { get; init; }
    public bool OomKillDisable { get; init; }
    public IReadOnlyList<string> ExtraHosts { get; init; } = [];
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public IReadOnlyList<DeviceSpec> Devices { get; init; } = [];
    public IReadOnlyList<GpuRequest> Gpus { get; init; } = [];
    public string? LogDriver { get; init; }
    public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();
    public long? ShmSize { get; init; }
    public IReadOnlyList<UlimitSpec> Ulimits { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> SecurityOptions { get; init; } = [];
    /// <summary><c>--security-opt systempaths=unconfined</c>: no masked or read-only paths in /proc and /sys.</summary>
    public bool UnconfinedSystemPaths { get; init; }
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Dns { get; init; } = [];
    public IReadOnlyList<string> DnsSearch { get; init; } = [];
    public IReadOnlyList<string> DnsOptions { get; init; } = [];
    public string? IpcMode { get; init; }
    public string? PidMode { get; init; }
    public string? UtsMode { get; init; }
    public string? UsernsMode { get; init; }
    public IReadOnlyList<string> VolumesFrom { get; init; } = [];
    public IReadOnlyList<string> GroupAdd { get; init; } = [];
    public string? Runtime { get; init; }

    // The endpoint on the container's network.
    public IReadOnlyList<string> NetworkAliases { get; init; } = [];
    public string? IPv4Address { get; init; }
    public string? IPv6Address { get; init; }

    /// <summary>True when the container's network endpoint has settings (aliases, addresses), which need a network to go to.</summary>
    public bool HasEndpointSettings => NetworkAliases.Count > 0 || IPv4Address is not null || IPv6Address is not null;

    /// <summary>Writes the settings given into the create body, its HostConfig, and the endpoint on <paramref name="network"/>.</summary>
    internal void WriteTo(JsonObject body, JsonObject host, string? network)
    {
        if (Expose.Count > 0)
        {
            var ports = body["ExposedPorts"] as JsonObject ?? (JsonObject)(body["ExposedPorts"] = new JsonObject());
            foreach (var port in Expose)
            {
                ports[port] = new JsonObject();
            }
        }
        Set(body, [
            ("Healthcheck", Healthcheck is { } check ? Object(("Test", Array(check.Test)), ("Interval", check.Interval), ("Timeout", check.Timeout),
                ("StartPeriod", check.StartPeriod), ("Retries", check.Retries)) : null),
            ("StopTimeout", StopTimeout), ("StopSignal", StopSignal),
        ]);
        Set(host, [
            ("Privileged", True(Privileged)), ("ReadonlyRootfs", True(ReadOnly)), ("Init", True(Init)), ("OomKillDisable", True(OomKillDisable)),
            ("ExtraHosts", Array(ExtraHosts)), ("CapAdd", Array(CapAdd)), ("CapDrop", Array(CapDrop)),
            ("Devices", Devices.Count == 0 ? null : new JsonArray(Devices.Select(d => (JsonNode?)Object(("PathOnHost", d.PathOnHost),
                ("PathInContainer", d.PathInContainer), ("CgroupPermissions", d.CgroupPermissions))).ToArray())),
            ("DeviceRequests", Gpus.Count == 0 ? null : new JsonArray(Gpus.Select(g => (JsonNode?)Object(("Driver", g.Driver), ("Count", g.Count),
                ("DeviceIDs", Array(g.DeviceIds)), ("Capabilities", new JsonArray(Array(g.Capabilities))), ("Options", Map(g.Options) ?? new JsonObject()))).ToArray())),
            ("LogConfig", LogDriver is null && LogOptions.Count == 0 ? null : Object(("Type", LogDriver ?? ""), ("Config", Map(LogOptions)))),
            ("ShmSize", ShmSize),
            ("Ulimits", Ulimits.Count == 0 ? null : new JsonArray(Ulimits.Select(u => (JsonNode?)Object(("Name", u.Name), ("Soft", u.Soft), ("Hard", u.Hard))).ToArray())),
            ("Tmpfs", Map(Tmpfs)), ("SecurityOpt", Array(SecurityOptions)),
            ("MaskedPaths", UnconfinedSystemPaths ? new JsonArray() : null), ("ReadonlyPaths", UnconfinedSystemPaths ? new JsonArray() : null),
            ("Sysctls", Map(Sysctls)), ("Dns", Array(Dns)), ("DnsSearch", Array(DnsSearch)), ("DnsOptions", Array(DnsOptions)),
            ("IpcMode", IpcMode), ("PidMode", PidMode), ("UTSMode", UtsMode), ("UsernsMode", UsernsMode),
            ("VolumesFrom", Array(VolumesFrom)), ("GroupAdd", Array(GroupAdd)), ("Runtime", Runtime),
        ]);
        if (HasEndpointSettings)
        {
            var ipam = Object(("IPv4Address", IPv4Address), ("IPv6Address", IPv6Address));
            var endpoint = Object(("Aliases", Array(NetworkAliases)), ("IPAMConfig", ipam.Count == 0 ? null : ipam));
            body["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = new JsonObject { [network ?? "default"] = endpoint } };
        }
    }

    private static bool? True(bool value) => value ? true : null;

    private static JsonArray? Array(IEnumerable<string>? values) => values is null || !values.Any() ? null : new JsonArray(values.Select(v => (JsonNode?)v).ToArray());

    private static JsonObject? Map(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? null : new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value)));

    private static JsonObject Object(params (string Name, JsonNode? Value)[] fields)
    {
        var target = new JsonObject();
        Set(target, fields);
        return target;
    }

    private static void Set(JsonObject target, IEnumerable<(string Name, JsonNode? Value)> fields)
    {
        foreach (var (name, value) in fields.Where(f => f.Value is not null))
        {
            target[name] = value;
        }
    }
}
