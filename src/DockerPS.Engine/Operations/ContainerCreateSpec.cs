using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// What <c>docker create</c> takes, already parsed and checked, plus raw engine fields (the Config and HostConfig
/// objects of the Engine API) merged over the rest as an escape hatch for anything without its own parameter.
/// </summary>
public sealed class ContainerCreateSpec
{
    public required string Image { get; init; }
    public string? Name { get; init; }
    public string? Platform { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    /// <summary>An empty list clears the image's entrypoint, as <c>--entrypoint ""</c> does.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyList<string> Environment { get; init; } = [];
    public IReadOnlyList<PortSpec> Publish { get; init; } = [];
    public bool PublishAll { get; init; }
    public IReadOnlyList<string> Binds { get; init; } = [];
    public IReadOnlyList<string> AnonymousVolumes { get; init; } = [];
    public IReadOnlyList<JsonObject> Mounts { get; init; } = [];
    public string? Network { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? WorkingDirectory { get; init; }
    public string? User { get; init; }
    public string? Hostname { get; init; }
    public bool Tty { get; init; }
    public bool Interactive { get; init; }
    public ContainerResources Resources { get; init; } = new();
    /// <summary>The other <c>docker run</c> settings: health check, capabilities, devices, DNS, namespaces, ...</summary>
    public ContainerRunOptions Options { get; init; } = new();
    public bool AutoRemove { get; init; }
    /// <summary>The TTY's size from the start (API 1.42+, as <c>docker run -it</c> sends it), so that the process never sees it unset.</summary>
    public (int Width, int Height)? ConsoleSize { get; init; }
    /// <summary>Engine Config fields (e.g. <c>@{ StopSignal = 'SIGINT' }</c>), merged last.</summary>
    public IDictionary<string, object?>? RawConfig { get; init; }
    /// <summary>Engine HostConfig fields (e.g. <c>@{ CapAdd = @('NET_ADMIN') }</c>), merged last.</summary>
    public IDictionary<string, object?>? RawHostConfig { get; init; }

    /// <summary>The body of <c>POST /containers/create</c>.</summary>
    internal JsonObject ToBody()
    {
        var host = new JsonObject();
        var body = new JsonObject { ["Image"] = Image, ["Tty"] = Tty, ["OpenStdin"] = Interactive, ["StdinOnce"] = Interactive, ["AttachStdin"] = Interactive };
        Set(body, "Cmd", Command is null ? null : Array(Command));
        Set(body, "Entrypoint", Entrypoint is null ? null : Array(Entrypoint.Count == 0 ? [""] : Entrypoint));
        Set(body, "Env", Environment.Count == 0 ? null : Array(Environment));
        Set(body, "Labels", Labels.Count == 0 ? null : new JsonObject(Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))));
        Set(body, "WorkingDir", WorkingDirectory);
        Set(body, "User", User);
        Set(body, "Hostname", Hostname);
        if (Publish.Count > 0)
        {
            body["ExposedPorts"] = new JsonObject(Publish.Select(p => p.Key).Distinct().Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject())));
            host["PortBindings"] = new JsonObject(Publish.GroupBy(p => p.Key).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)new JsonArray(
                g.Select(p => (JsonNode?)new JsonObject { ["HostIp"] = p.HostIp, ["HostPort"] = p.HostPort }).ToArray()))));
        }
        Set(body, "Volumes", AnonymousVolumes.Count == 0 ? null : new JsonObject(AnonymousVolumes.Select(v => KeyValuePair.Create(v, (JsonNode?)new JsonObject()))));
        Set(host, "Binds", Binds.Count == 0 ? null : Array(Binds));
        Set(host, "Mounts", Mounts.Count == 0 ? null : new JsonArray(Mounts.Select(m => (JsonNode?)m.DeepClone()).ToArray()));
        Set(host, "PublishAllPorts", PublishAll ? true : null);
        Set(host, "NetworkMode", Network);
        Resources.WriteTo(host);
        Options.WriteTo(body, host, Network);
        Set(host, "AutoRemove", AutoRemove ? true : null);
        Set(host, "ConsoleSize", ConsoleSize is var (width, height) ? new JsonArray(height, width) : null);
        Merge(body, Raw(RawConfig));
        Merge(host, Raw(RawHostConfig));
        body["HostConfig"] = host;
        return body;
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static void Set(JsonObject target, string name, string? value) => Set(target, name, value is null ? null : JsonValue.Create(value));

    private static void Set(JsonObject target, string name, long? value) => Set(target, name, value is null ? null : JsonValue.Create(value.Value));

    private static void Set(JsonObject target, string name, bool? value) => Set(target, name, value is null ? null : JsonValue.Create(value.Value));

    private static JsonObject? Raw(IDictionary<string, object?>? fields) => fields is null ? null : JsonSerializer.SerializeToNode(fields)?.AsObject();

    /// <summary>Objects merge field by field; anything else in <paramref name="overlay"/> replaces what was there.</summary>
    internal static void Merge(JsonObject target, JsonObject? overlay)
    {
        foreach (var (name, value) in overlay ?? [])
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}
