using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DockerPS.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerPS.Compose;

/// <summary>
/// A compose file as a JSON tree whose scalars are YAML text (a plain null is null), with the file and line each node
/// came from, so that errors found later still name them. The tree is merged and normalized as compose-go does it
/// (override/merge.go, override/uncity.go): maps merge key by key, lists append, and the lists compose keeps unique
/// drop an earlier entry for a later one with the same key.
/// </summary>
internal sealed class ComposeTree
{
    private readonly ConditionalWeakTable<JsonNode, string> _places = new();

    /// <summary>Reads a YAML document (anchors, aliases and <c>&lt;&lt;</c> merge keys resolved) into a tree.</summary>
    public JsonObject Read(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Invalid($"{file}:{e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw Invalid($"{file}: the file is empty.");
        }
        return Convert(stream.Documents[0].RootNode, file) as JsonObject ?? throw Invalid($"{file}: the top level must be a mapping.");
    }

    private JsonNode? Convert(YamlNode node, string file)
    {
        JsonNode? result;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? throw Invalid($"{file}:{key.Start.Line}: a key must be text.");
                    if (name == "<<")
                    {
                        continue;
                    }
                    if (obj.ContainsKey(name))
                    {
                        throw Invalid($"{file}:{key.Start.Line}: '{name}' is given twice.");
                    }
                    var child = Convert(value, file);
                    obj[name] = child;
                    if (child is not null)
                    {
                        _places.AddOrUpdate(child, $"{file}:{key.Start.Line}");
                    }
                }
                // YAML merge keys (<<: *anchor, or a list of them): the anchored mappings' keys this one does not set.
                var merged = map.Children.Where(c => c.Key is YamlScalarNode { Value: "<<" }).Select(c => c.Value)
                    .SelectMany(v => v is YamlSequenceNode list ? list.Children : [v]);
                foreach (var source in merged)
                {
                    if (Convert(source, file) is not JsonObject entries)
                    {
                        throw Invalid($"{file}:{source.Start.Line}: a merge key (<<) takes mappings.");
                    }
                    foreach (var (name, child) in entries.ToList())
                    {
                        entries.Remove(name);
                        if (!obj.ContainsKey(name))
                        {
                            obj[name] = child;
                        }
                    }
                }
                result = obj;
                break;
            case YamlSequenceNode sequence:
                result = new JsonArray(sequence.Children.Select(c => Convert(c, file)).ToArray());
                break;
            case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL":
                return null;
            case YamlScalarNode scalar:
                result = JsonValue.Create(scalar.Value ?? "");
                break;
            default:
                throw Invalid($"{file}:{node.Start.Line}: unexpected YAML node.");
        }
        _places.AddOrUpdate(result, $"{file}:{node.Start.Line}");
        return result;
    }

    /// <summary>Where a node came from (<c>file:line</c>), or its nearest ancestor's place.</summary>
    public string PlaceOf(JsonNode? node)
    {
        for (; node is not null; node = node.Parent)
        {
            if (_places.TryGetValue(node, out var place))
            {
                return place;
            }
        }
        return "";
    }

    /// <summary>Notes that a node made from another (a long form from a short one) came from the same place.</summary>
    public T From<T>(T made, JsonNode? original) where T : JsonNode
    {
        if (original is not null && _places.TryGetValue(original, out var place))
        {
            _places.AddOrUpdate(made, place);
        }
        return made;
    }

    /// <summary>A copy of a node that keeps the places of its nodes.</summary>
    public JsonNode? Copy(JsonNode? node)
    {
        var copy = node?.DeepClone();
        Mark(node, copy);
        return copy;

        void Mark(JsonNode? from, JsonNode? to)
        {
            if (from is null || to is null)
            {
                return;
            }
            From(to, from);
            switch (from)
            {
                case JsonObject o:
                    foreach (var (k, v) in o)
                    {
                        Mark(v, to[k]);
                    }
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Mark(a[i], to[i]);
                    }
                    break;
            }
        }
    }

    public static ComposeException Invalid(string message) => new(ErrorCatalog.ComposeFileInvalid, message);

    // The merge rules, by path (services.NAME.KEY…; * stands for any name).
    private static readonly string[] Replaced =
        ["services.*.command", "services.*.entrypoint", "services.*.healthcheck.test", "services.*.ulimits.*"];

    private static readonly (string Path, Func<JsonNode?, string> Key)[] Unique =
    [
        ("services.*.ports", n => $"{Text(n, "host_ip") ?? "0.0.0.0"}:{Text(n, "published")}:{Text(n, "target")}/{Text(n, "protocol") ?? "tcp"}"),
        ("services.*.volumes", n => Text(n, "target") ?? ""),
        ("services.*.devices", n => Text(n, "target") ?? Text(n, "source") ?? ""),
        ("services.*.secrets", n => Text(n, "target") ?? "/run/secrets/" + Text(n, "source")),
        ("services.*.configs", n => Text(n, "target") ?? "/" + Text(n, "source")),
        ("services.*.env_file", n => Text(n, "path") ?? ""),
        ("services.*.extra_hosts", n => Scalar(n).Split('=')[0]),
        ("services.*.expose", Scalar), ("services.*.cap_add", Scalar), ("services.*.cap_drop", Scalar),
        ("services.*.dns", Scalar), ("services.*.dns_opt", Scalar), ("services.*.dns_search", Scalar),
        ("services.*.profiles", Scalar), ("services.*.tmpfs", Scalar), ("services.*.links", Scalar),
        ("services.*.networks.*.aliases", Scalar),
    ];

    private static string? Text(JsonNode? node, string key) => node is JsonObject o && o[key] is JsonValue v ? v.ToString() : null;

    private static string Scalar(JsonNode? node) => node?.ToString() ?? "";

    private static bool Matches(string pattern, IReadOnlyList<string> path)
    {
        var parts = pattern.Split('.');
        return parts.Length == path.Count && parts.Zip(path).All(p => p.First == "*" || p.First == p.Second);
    }

    /// <summary>
    /// <paramref name="over"/> merged onto <paramref name="under"/> (both in their long forms), as an override file
    /// or an extending service is: maps key by key, lists appended (unique ones by key), anything else replaced;
    /// a null leaves what was there, and a logging driver other than the one there replaces its options.
    /// </summary>
    public JsonNode? Merge(JsonNode? under, JsonNode? over, IReadOnlyList<string> path)
    {
        if (over is null)
        {
            return under;
        }
        if (under is null || Replaced.Any(p => Matches(p, path)))
        {
            return over;
        }
        if (Matches("services.*.logging", path) && under is JsonObject u && over is JsonObject o && u["driver"] is { } d1 && o["driver"] is { } d2 && d1.ToString() != d2.ToString())
        {
            return over;
        }
        switch (under, over)
        {
            case (JsonObject left, JsonObject right):
                foreach (var (key, value) in right.ToList())
                {
                    right.Remove(key);
                    left[key] = Merge(left.TryGetPropertyValue(key, out var existing) ? Detach(left, key, existing) : null, value, [.. path, key]);
                }
                return left;
            case (JsonArray left, JsonArray right):
                foreach (var item in right.ToList())
                {
                    right.Remove(item);
                    left.Add(item);
                }
                return Deduplicate(left, path);
            default:
                if (under.GetValueKind() != over.GetValueKind() && (under is JsonObject or JsonArray || over is JsonObject or JsonArray))
                {
                    throw Invalid($"{PlaceOf(over)}: {string.Join('.', path)} cannot be overridden with a value of another kind.");
                }
                return over;
        }
    }

    private static JsonNode? Detach(JsonObject parent, string key, JsonNode? node)
    {
        parent[key] = null;
        return node;
    }

    /// <summary>The list with earlier entries dropped for later ones of the same key, where compose keeps the list unique.</summary>
    public static JsonArray Deduplicate(JsonArray list, IReadOnlyList<string> path)
    {
        var key = Unique.FirstOrDefault(u => Matches(u.Path, path)).Key;
        if (key is null)
        {
            return list;
        }
        var kept = new List<JsonNode?>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in list.ToList())
        {
            list.Remove(item);
            if (index.TryGetValue(key(item), out var at))
            {
                kept[at] = item;
            }
            else
            {
                index[key(item)] = kept.Count;
                kept.Add(item);
            }
        }
        foreach (var item in kept)
        {
            list.Add(item);
        }
        return list;
    }
}
