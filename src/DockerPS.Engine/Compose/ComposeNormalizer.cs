using System.Text.Json.Nodes;

namespace DockerPS.Compose;

/// <summary>
/// What compose fills in once files are merged (compose-go's loader/normalize.go and paths): relative paths made
/// absolute, env files read into the environment, the default network, the names networks, volumes, secrets and
/// configs get on the engine (<c>PROJECT_KEY</c>, or the key itself when external), and references checked.
/// </summary>
internal static class ComposeNormalizer
{
    /// <summary>One file's relative paths made absolute from <paramref name="directory"/>, before files merge.</summary>
    public static void ResolvePaths(JsonObject file, string directory)
    {
        string Absolute(string path) => path.StartsWith('~')
            ? Path.Join(System.Environment.GetEnvironmentVariable("HOME"), path[1..])
            : Path.GetFullPath(path, directory);
        foreach (var (_, service) in Entries(file, "services"))
        {
            if (service["build"] is JsonObject build && build["context"]?.ToString() is { } context && !IsRemote(context))
            {
                build["context"] = Absolute(context);
            }
            foreach (var volume in (service["volumes"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (volume["type"]?.ToString() == "bind" && volume["source"]?.ToString() is { } source)
                {
                    volume["source"] = Absolute(source);
                }
            }
            foreach (var envFile in (service["env_file"] as JsonArray ?? []).OfType<JsonObject>())
            {
                envFile["path"] = Absolute(envFile["path"]?.ToString() ?? "");
            }
        }
        foreach (var section in new[] { "secrets", "configs" })
        {
            foreach (var (_, entry) in Entries(file, section))
            {
                if (entry["file"]?.ToString() is { } path)
                {
                    entry["file"] = Absolute(path);
                }
            }
        }
    }

    private static bool IsRemote(string context) =>
        context.Contains("://", StringComparison.Ordinal) || context.StartsWith("git@", StringComparison.Ordinal) || context.StartsWith("github.com/", StringComparison.Ordinal);

    private static IEnumerable<(string Name, JsonObject Entry)> Entries(JsonObject parent, string section) =>
        (parent[section] as JsonObject ?? []).Where(p => p.Value is JsonObject).Select(p => (p.Key, (JsonObject)p.Value!)).ToList();

    public static void Apply(ComposeTree tree, JsonObject project, string name, string directory, Func<string, string?> lookup)
    {
        var usesDefault = false;
        foreach (var (serviceName, service) in Entries(project, "services"))
        {
            ResolveEnvironment(service, lookup);
            if (service["networks"] is null && service["network_mode"] is null)
            {
                service["networks"] = new JsonObject { ["default"] = null };
            }
            usesDefault |= (service["networks"] as JsonObject)?.ContainsKey("default") == true;
            if (service["build"] is JsonObject build)
            {
                build["dockerfile"] ??= "Dockerfile";
            }
            foreach (var secret in (service["secrets"] as JsonArray ?? []).OfType<JsonObject>())
            {
                secret["target"] ??= "/run/secrets/" + secret["source"];
            }
            Check(tree, project, serviceName, service, "networks", (service["networks"] as JsonObject ?? []).Select(n => (n.Key, (JsonNode?)service["networks"])), "network", "default");
            Check(tree, project, serviceName, service, "volumes",
                (service["volumes"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["type"]?.ToString() == "volume" && v["source"] is not null).Select(v => (v["source"]!.ToString(), (JsonNode?)v)), "volume", null);
            foreach (var section in new[] { "secrets", "configs" })
            {
                Check(tree, project, serviceName, service, section,
                    (service[section] as JsonArray ?? []).OfType<JsonObject>().Select(r => (r["source"]?.ToString() ?? "", (JsonNode?)r)), section.TrimEnd('s'), null);
            }
        }
        RemoveUnused(project);
        if (usesDefault)
        {
            var networks = project["networks"] as JsonObject ?? [];
            project["networks"] = networks;
            networks["default"] ??= new JsonObject();
        }
        foreach (var section in new[] { "networks", "volumes", "secrets", "configs" })
        {
            foreach (var (key, entry) in Entries(project, section))
            {
                entry["name"] ??= entry["external"]?.ToString() == "true" ? key : $"{name}_{key}";
            }
        }
    }

    /// <summary>Top-level networks, volumes, secrets and configs no service uses left out, as the compose CLI does.</summary>
    private static void RemoveUnused(JsonObject project)
    {
        var services = Entries(project, "services").Select(s => s.Entry).ToList();
        var used = new Dictionary<string, HashSet<string>>
        {
            ["networks"] = [.. services.SelectMany(s => (s["networks"] as JsonObject ?? []).Select(n => n.Key))],
            ["volumes"] = [.. services.SelectMany(s => (s["volumes"] as JsonArray ?? []).OfType<JsonObject>())
                .Where(v => v["type"]?.ToString() == "volume" && v["source"] is not null).Select(v => v["source"]!.ToString())],
            ["secrets"] = [.. services.SelectMany(s => (s["secrets"] as JsonArray ?? []).OfType<JsonObject>()).Select(r => r["source"]?.ToString() ?? "")],
            ["configs"] = [.. services.SelectMany(s => (s["configs"] as JsonArray ?? []).OfType<JsonObject>()).Select(r => r["source"]?.ToString() ?? "")],
        };
        foreach (var (section, names) in used)
        {
            if (project[section] is JsonObject entries)
            {
                foreach (var key in entries.Select(e => e.Key).Where(k => !names.Contains(k)).ToList())
                {
                    entries.Remove(key);
                }
            }
        }
    }

    /// <summary>Each name a service uses in <paramref name="key"/> must be declared at the top level (or be <paramref name="implicitName"/>).</summary>
    private static void Check(ComposeTree tree, JsonObject project, string serviceName, JsonObject service, string key,
        IEnumerable<(string Name, JsonNode? Node)> used, string what, string? implicitName)
    {
        var declared = project[key] as JsonObject;
        foreach (var (usedName, node) in used)
        {
            if (usedName != implicitName && declared?.ContainsKey(usedName) != true)
            {
                throw ComposeTree.Invalid($"{tree.PlaceOf(node ?? service)}: service \"{serviceName}\" refers to undefined {what} \"{usedName}\".");
            }
        }
    }

    /// <summary>
    /// The environment a service's containers get: its env files in order (each may use the ones before), then its
    /// own entries over them; an entry without a value takes the variable's value from the project's environment.
    /// </summary>
    private static void ResolveEnvironment(JsonObject service, Func<string, string?> lookup)
    {
        var result = new JsonObject();
        foreach (var envFile in (service["env_file"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var path = envFile["path"]!.ToString();
            if (!File.Exists(path) && envFile["required"]?.ToString() == "false")
            {
                continue;
            }
            foreach (var (key, value) in ComposeLoader.ReadEnvFile(path, name => result.TryGetPropertyValue(name, out var earlier) ? earlier?.ToString() : lookup(name)))
            {
                result[key] = value;
            }
        }
        service.Remove("env_file");
        if (service["environment"] is JsonObject own)
        {
            foreach (var (key, value) in own.ToList())
            {
                own.Remove(key);
                result[key] = value;
            }
        }
        foreach (var (key, value) in result.ToList())
        {
            if (value is null && lookup(key) is { } fromEnvironment)
            {
                result[key] = fromEnvironment;
            }
        }
        if (result.Count > 0)
        {
            service["environment"] = result;
        }
    }
}
