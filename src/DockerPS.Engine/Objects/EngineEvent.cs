using System.Text.Json;

namespace DockerPS;

/// <summary>
/// One event of <c>docker events</c>: what happened (<see cref="Type"/> and <see cref="Action"/>) to which object
/// (<see cref="ActorId"/>, with the actor's attributes such as name, image and exitCode), and when.
/// </summary>
public sealed class EngineEvent
{
    private readonly JsonElement _raw;

    internal EngineEvent(JsonElement raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Type = Text(raw, "Type") ?? string.Empty;
        Action = Text(raw, "Action") ?? string.Empty;
        Scope = Text(raw, "scope");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (raw.TryGetProperty("Actor", out var actor))
        {
            ActorId = Text(actor, "ID") ?? string.Empty;
            if (actor.TryGetProperty("Attributes", out var pairs) && pairs.ValueKind == JsonValueKind.Object)
            {
                foreach (var pair in pairs.EnumerateObject())
                {
                    attributes[pair.Name] = pair.Value.ToString();
                }
            }
        }
        ActorId ??= string.Empty;
        Attributes = new(attributes);
        // timeNano is the precise one; engines before API 1.22 send only time (seconds).
        var ticks = raw.TryGetProperty("timeNano", out var nanos) ? nanos.GetInt64() / 100
            : raw.TryGetProperty("time", out var seconds) ? seconds.GetInt64() * TimeSpan.TicksPerSecond : 0;
        Time = DateTime.UnixEpoch.AddTicks(ticks).ToLocalTime();
    }

    /// <summary>What kind of object: container, image, network, volume, daemon, plugin, ...</summary>
    public string Type { get; }

    /// <summary>What happened: create, start, die, destroy, pull, connect, ...</summary>
    public string Action { get; }

    /// <summary>The object's id (for images, the name or id it was referred to by).</summary>
    public string ActorId { get; }

    /// <summary>The actor's name attribute (a container's, network's or image's name), if it has one.</summary>
    public string? Name => Attributes.TryGetValue("name", out var name) ? name : null;

    /// <summary>What the engine tells about the actor: name, image, exitCode, signal, labels, ...</summary>
    public ValueMap Attributes { get; }

    /// <summary><c>local</c> or <c>swarm</c>.</summary>
    public string? Scope { get; }

    public DateTime Time { get; }

    public DockerEngine Engine { get; }

    /// <summary>The event as the engine sent it. PowerShell shows it as the hidden property Raw.</summary>
    public JsonElement GetRaw() => _raw;

    public override string ToString() => $"{Type} {Action} {ActorId}";

    internal static EngineEvent Parse(string json, DockerEngine engine)
    {
        using var document = JsonDocument.Parse(json);
        return new EngineEvent(document.RootElement.Clone(), engine);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
