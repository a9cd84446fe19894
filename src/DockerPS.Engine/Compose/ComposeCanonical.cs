using System.Text;
using System.Text.Json.Nodes;
using DockerPS.Parsing;

namespace DockerPS.Compose;

/// <summary>
/// The short syntaxes of one compose file turned into their long forms (compose-go's transform package does the
/// same), before files are merged: <c>"8080:80"</c> → port objects, <c>"./data:/data:ro"</c> → a bind mount,
/// <c>A=1</c> lists → maps, command strings → argument lists, and so on. Extension keys (<c>x-…</c>) are dropped.
/// </summary>
internal sealed class ComposeCanonical(ComposeTree tree)
{
    public void Apply(JsonObject file)
    {
        DropExtensions(file);
        if (file["services"] is JsonObject services)
        {
            foreach (var (_, service) in services.ToList())
            {
                if (service is JsonObject s)
                {
                    Service(s);
                }
            }
        }
        foreach (var section in new[] { "networks", "volumes", "secrets", "configs" })
        {
            if (file[section] is not JsonObject entries)
            {
                continue;
            }
            foreach (var (name, entry) in entries.ToList())
            {
                var e = entry as JsonObject ?? tree.From(new JsonObject(), entries);
                entries[name] = e;
                Map(e, "labels", "");
                Map(e, "driver_opts", "");
            }
        }
    }

    private static void DropExtensions(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal)).ToList())
            {
                o.Remove(key);
            }
            foreach (var (_, v) in o)
            {
                DropExtensions(v);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var v in a)
            {
                DropExtensions(v);
            }
        }
    }

    private void Service(JsonObject s)
    {
        if (s["build"] is JsonValue context)
        {
            s["build"] = tree.From(new JsonObject { ["context"] = context.ToString() }, context);
        }
        if (s["build"] is JsonObject build)
        {
            Map(build, "args", null);
            Map(build, "labels", "");
        }
        if (s["extends"] is JsonValue extends)
        {
            s["extends"] = tree.From(new JsonObject { ["service"] = extends.ToString() }, extends);
        }
        Words(s, "command");
        Words(s, "entrypoint");
        Map(s, "environment", null);
        Map(s, "labels", "");
        Map(s, "sysctls", "");
        if (s["deploy"] is JsonObject deploy)
        {
            Map(deploy, "labels", "");
        }
        foreach (var key in new[] { "dns", "dns_search", "dns_opt", "tmpfs", "env_file", "profiles", "cap_add", "cap_drop" })
        {
            if (s[key] is JsonValue one)
            {
                s[key] = tree.From(new JsonArray(one.ToString()), one);
            }
        }
        Each(s, "env_file", item => item is JsonValue path ? new JsonObject { ["path"] = path.ToString(), ["required"] = "true" } : item);
        Each(s, "expose", item => JsonValue.Create(item?.ToString()));
        if (s["ports"] is JsonArray ports)
        {
            var items = ports.ToList();
            ports.Clear();
            foreach (var port in items.SelectMany(Ports))
            {
                ports.Add(port);
            }
        }
        Each(s, "volumes", item => item is JsonValue v ? Volume(v.ToString()) : item);
        Each(s, "secrets", item => item is JsonValue v ? new JsonObject { ["source"] = v.ToString() } : item);
        Each(s, "configs", item => item is JsonValue v ? new JsonObject { ["source"] = v.ToString() } : item);
        Each(s, "devices", item => item is JsonValue v ? Device(v.ToString()) : item);
        if (s["extra_hosts"] is JsonObject hostMap)
        {
            s["extra_hosts"] = tree.From(new JsonArray(hostMap.Select(h => JsonValue.Create($"{h.Key}={h.Value}")).ToArray<JsonNode?>()), hostMap);
        }
        Each(s, "extra_hosts", item => JsonValue.Create(HostEntry(item?.ToString() ?? "")));
        if (s["networks"] is JsonArray networks)
        {
            var map = new JsonObject();
            foreach (var n in networks)
            {
                map[n?.ToString() ?? ""] = null;
            }
            s["networks"] = tree.From(map, networks);
        }
        if (s["depends_on"] is JsonArray dependsOn)
        {
            var map = new JsonObject();
            foreach (var d in dependsOn)
            {
                map[d?.ToString() ?? ""] = new JsonObject { ["condition"] = "service_started", ["required"] = "true" };
            }
            s["depends_on"] = tree.From(map, dependsOn);
        }
        else if (s["depends_on"] is JsonObject dependencies)
        {
            foreach (var (_, d) in dependencies)
            {
                if (d is JsonObject o)
                {
                    o["condition"] ??= "service_started";
                    o["required"] ??= "true";
                }
            }
        }
        if (s["healthcheck"] is JsonObject { } health && health["test"] is JsonValue test)
        {
            health["test"] = tree.From(new JsonArray("CMD-SHELL", test.ToString()), test);
        }
    }

    /// <summary>A list of <c>KEY=VALUE</c> (or <c>KEY</c>: <paramref name="bare"/>) as a map; map values as text.</summary>
    private void Map(JsonObject parent, string key, string? bare)
    {
        if (parent[key] is JsonArray list)
        {
            var map = new JsonObject();
            foreach (var item in list)
            {
                var text = item?.ToString() ?? "";
                var eq = text.IndexOf('=');
                map[eq < 0 ? text : text[..eq]] = eq < 0 ? bare : text[(eq + 1)..];
            }
            parent[key] = tree.From(map, list);
        }
        else if (parent[key] is JsonObject map && bare is not null)
        {
            foreach (var (k, v) in map.ToList())
            {
                map[k] = v is null ? bare : (JsonNode)JsonValue.Create(v.ToString());
            }
        }
    }

    private void Words(JsonObject parent, string key)
    {
        if (parent[key] is JsonValue text)
        {
            parent[key] = tree.From(new JsonArray(ShellWords.Split(text.ToString()).Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()), text);
        }
    }

    private void Each(JsonObject parent, string key, Func<JsonNode?, JsonNode?> convert)
    {
        if (parent[key] is not JsonArray list)
        {
            return;
        }
        var items = list.ToList();
        list.Clear();
        for (var i = 0; i < items.Count; i++)
        {
            var made = convert(items[i]);
            if (made is not null && !ReferenceEquals(made, items[i]))
            {
                tree.From(made, items[i]);
            }
            list.Add(made);
        }
    }

    /// <summary>A port: a number or the docker CLI's publish syntax (a range gives one per port), or the long form.</summary>
    private IEnumerable<JsonNode?> Ports(JsonNode? item)
    {
        if (item is JsonObject o)
        {
            o["mode"] ??= "ingress";
            o["protocol"] ??= "tcp";
            yield return o;
            yield break;
        }
        IReadOnlyList<PortSpec> specs;
        try
        {
            specs = PortSpec.Parse(item?.ToString() ?? "");
        }
        catch (FormatException e)
        {
            throw ComposeTree.Invalid($"{tree.PlaceOf(item)}: {e.Message}");
        }
        foreach (var spec in specs)
        {
            var port = new JsonObject { ["mode"] = "ingress" };
            if (spec.HostIp.Length > 0)
            {
                port["host_ip"] = spec.HostIp;
            }
            port["target"] = spec.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (spec.HostPort.Length > 0)
            {
                port["published"] = spec.HostPort;
            }
            port["protocol"] = spec.Protocol;
            yield return tree.From(port, item);
        }
    }

    /// <summary>
    /// A volume's short syntax: <c>[source:]target[:options]</c>. A source that is a path (., /, ~) is a bind mount,
    /// any other a named volume; no source, an anonymous volume.
    /// </summary>
    private static JsonObject Volume(string text)
    {
        var parts = text.Split(':');
        var (source, target, options) = parts.Length switch
        {
            1 => (null, parts[0], ""),
            2 => (parts[0], parts[1], ""),
            3 => (parts[0], parts[1], parts[2]),
            _ => throw ComposeTree.Invalid($"'{text}' is not a volume: use [source:]target[:options]."),
        };
        var bind = source is not null && (source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~'));
        var volume = new JsonObject { ["type"] = bind ? "bind" : "volume" };
        if (source is not null)
        {
            volume["source"] = source;
        }
        volume["target"] = target;
        var bindOptions = new JsonObject();
        var volumeOptions = new JsonObject();
        foreach (var option in options.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (option)
            {
                case "ro": volume["read_only"] = "true"; break;
                case "rw": volume["read_only"] = "false"; break;
                case "nocopy": volumeOptions["nocopy"] = "true"; break;
                case "z" or "Z": bindOptions["selinux"] = option; break;
                case "shared" or "rshared" or "slave" or "rslave" or "private" or "rprivate": bindOptions["propagation"] = option; break;
                case "delegated" or "cached" or "consistent": volume["consistency"] = option; break;
                default: throw ComposeTree.Invalid($"'{text}' is not a volume: unknown option '{option}'.");
            }
        }
        if (bind)
        {
            bindOptions["create_host_path"] = "true";
            volume["bind"] = bindOptions;
        }
        else if (volumeOptions.Count > 0)
        {
            volume["volume"] = volumeOptions;
        }
        return volume;
    }

    /// <summary>A device's short syntax: <c>source[:target[:permissions]]</c>.</summary>
    private static JsonObject Device(string text)
    {
        var parts = text.Split(':');
        var device = new JsonObject { ["source"] = parts[0], ["target"] = parts.Length > 1 ? parts[1] : parts[0] };
        device["permissions"] = parts.Length > 2 ? parts[2] : "rwm";
        return device;
    }

    /// <summary>An extra host as <c>name=address</c> (compose's form; <c>name:address</c> is read too).</summary>
    private static string HostEntry(string text)
    {
        var eq = text.IndexOf('=');
        if (eq >= 0)
        {
            return text;
        }
        var colon = text.IndexOf(':');
        return colon < 0 ? text : text[..colon] + "=" + text[(colon + 1)..];
    }
}

/// <summary>
/// Splits a command line into words as compose does (go-shellwords): whitespace separates, single quotes keep text
/// as it is, double quotes keep spaces and take backslash escapes, a backslash outside quotes escapes one character.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = null; else word.Append(c);
            }
            else if (c == '\\' && i + 1 < text.Length && (quote is null || text[i + 1] is '"' or '\\' or '$' or '`'))
            {
                word.Append(text[++i]);
                inWord = true;
            }
            else if (quote == '"')
            {
                if (c == '"') quote = null; else word.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c is ';' or '&' or '|' or '<' or '>')
            {
                // go-shellwords, which compose splits with, ends the command at an unquoted shell operator.
                break;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote is not null)
        {
            throw ComposeTree.Invalid($"'{text}' has an unclosed {quote} quote.");
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }
}
