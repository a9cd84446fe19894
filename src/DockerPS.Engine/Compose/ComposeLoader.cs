using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DockerPS.Errors;

namespace DockerPS.Compose;

/// <summary>What to read a compose project from, as the compose CLI's global options say it.</summary>
public sealed class ComposeLoadOptions
{
    /// <summary>The compose files, merged in order (<c>-f</c>); none: compose.yaml (or the older names) and its override in the working directory.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>The directory relative paths start from (<c>--project-directory</c>); by default the first file's.</summary>
    public string? ProjectDirectory { get; init; }
    public string WorkingDirectory { get; init; } = System.Environment.CurrentDirectory;
    public string? ProjectName { get; init; }
    public IReadOnlyList<string> Profiles { get; init; } = [];
    /// <summary>The environment files (<c>--env-file</c>); none: <c>.env</c> in the project directory if there is one.</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];
    /// <summary>The process environment, which wins over the environment files.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

/// <summary>
/// Reads compose files into a <see cref="ComposeProject"/> as the compose CLI does (compose-go's loader): each file is
/// read, interpolated, put in its long forms and extended, the files merged in order, services outside the active
/// profiles left out, then names, paths, environment and defaults filled in. Failures are <see cref="ComposeException"/>s
/// naming the file, line and key.
/// </summary>
public static partial class ComposeLoader
{
    private static readonly string[] DefaultFiles = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];
    private static readonly string[] TopLevelKeys = ["name", "version", "services", "networks", "volumes", "secrets", "configs"];

    public static ComposeProject Load(ComposeLoadOptions options)
    {
        var files = options.Files.Count > 0 ? options.Files.Select(f => Path.GetFullPath(f, options.WorkingDirectory)).ToList() : Discover(options.WorkingDirectory);
        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            throw new ComposeException(ErrorCatalog.ComposeFileNotFound, $"The compose file {file} does not exist.");
        }
        var directory = Path.GetFullPath(options.ProjectDirectory ?? Path.GetDirectoryName(files[0])!, options.WorkingDirectory);
        var lookup = ProjectEnvironment(options, directory);

        var tree = new ComposeTree();
        JsonObject? merged = null;
        foreach (var file in files)
        {
            var model = ReadFile(tree, file, directory, lookup, []);
            merged = (JsonObject)tree.Merge(merged, model, [])!;
        }
        var project = merged!;
        var name = options.ProjectName ?? project["name"]?.ToString() ?? lookup("COMPOSE_PROJECT_NAME") ?? Path.GetFileName(directory.TrimEnd('/'));
        name = NormalizeName(name);
        if (name.Length == 0)
        {
            throw ComposeTree.Invalid($"'{name}' is not a project name: use lowercase letters, digits, dashes and underscores, starting with a letter or digit.");
        }
        var profiles = options.Profiles.Count > 0 ? options.Profiles : (lookup("COMPOSE_PROFILES") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        project.Remove("version");
        project["name"] = name;
        ApplyProfiles(tree, project, profiles);
        ComposeNormalizer.Apply(tree, project, name, directory, lookup);

        ComposeProject result;
        try
        {
            result = project.Deserialize<ComposeProject>(ComposeJson.Options)!;
        }
        catch (JsonException e)
        {
            var (node, key) = Find(project, e.Path ?? "$");
            var what = UnknownMember().Match(e.Message) is { Success: true } m
                ? $"'{m.Groups[1].Value}' is not a compose key DockerPS knows."
                : e.InnerException?.Message ?? e.Message.Split(" Path:")[0];
            throw ComposeTree.Invalid($"{tree.PlaceOf(node)}: {key}: {what}");
        }
        result.WorkingDirectory = directory;
        result.Files = files;
        result.Profiles = [.. profiles];
        foreach (var (serviceName, service) in result.Services)
        {
            service.Name = serviceName;
            service.Project = name;
        }
        return result;
    }

    [GeneratedRegex("'([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    private static List<string> Discover(string directory)
    {
        var main = DefaultFiles.Select(f => Path.Combine(directory, f)).FirstOrDefault(File.Exists)
            ?? throw new ComposeException(ErrorCatalog.ComposeFileNotFound, $"No compose file in {directory}: looked for {string.Join(", ", DefaultFiles)}.");
        var name = Path.GetFileNameWithoutExtension(main);
        var overrideFile = new[] { ".yaml", ".yml" }.Select(e => Path.Combine(directory, name + ".override" + e)).FirstOrDefault(File.Exists);
        return overrideFile is null ? [main] : [main, overrideFile];
    }

    /// <summary>The variables files are interpolated with: the process environment, then the env files (or .env).</summary>
    private static Func<string, string?> ProjectEnvironment(ComposeLoadOptions options, string directory)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? Lookup(string name) => options.Environment(name) ?? values.GetValueOrDefault(name);
        var envFiles = options.EnvFiles.Count > 0
            ? options.EnvFiles.Select(f => Path.GetFullPath(f, options.WorkingDirectory))
            : new[] { Path.Combine(directory, ".env") }.Where(File.Exists);
        foreach (var file in envFiles)
        {
            foreach (var (key, value) in ReadEnvFile(file, Lookup))
            {
                values[key] = value;
            }
        }
        return Lookup;
    }

    internal static IReadOnlyList<KeyValuePair<string, string?>> ReadEnvFile(string file, Func<string, string?> lookup)
    {
        if (!File.Exists(file))
        {
            throw new ComposeException(ErrorCatalog.ComposeFileNotFound, $"The environment file {file} does not exist.");
        }
        try
        {
            return DotEnv.Parse(File.ReadAllText(file), lookup);
        }
        catch (FormatException e)
        {
            throw ComposeTree.Invalid($"{file}: {e.Message}");
        }
    }

    /// <summary>One file read, interpolated, in its long forms, with relative paths resolved and its extends applied.</summary>
    private static JsonObject ReadFile(ComposeTree tree, string file, string directory, Func<string, string?> lookup, IReadOnlyList<string> extending)
    {
        var model = tree.Read(File.ReadAllText(file), file);
        foreach (var key in model.Select(p => p.Key).Where(k => !TopLevelKeys.Contains(k) && !k.StartsWith("x-", StringComparison.Ordinal)))
        {
            throw ComposeTree.Invalid($"{tree.PlaceOf(model[key])}: '{key}' is not a top-level compose key DockerPS knows.");
        }
        Interpolate(tree, model, lookup, "");
        new ComposeCanonical(tree).Apply(model);
        ComposeNormalizer.ResolvePaths(model, directory);
        if (model["services"] is JsonObject services)
        {
            foreach (var (name, service) in services.ToList())
            {
                if (service is JsonObject s && s["extends"] is JsonObject)
                {
                    services[name] = Extend(tree, file, services, name, lookup, extending);
                }
            }
        }
        return model;
    }

    /// <summary>A service merged onto the service it extends (in its file or another), recursively.</summary>
    private static JsonNode? Extend(ComposeTree tree, string file, JsonObject services, string name, Func<string, string?> lookup, IReadOnlyList<string> extending)
    {
        var service = (JsonObject)services[name]!;
        var extends = (JsonObject)service["extends"]!;
        service.Remove("extends");
        var baseName = extends["service"]?.ToString() ?? throw ComposeTree.Invalid($"{tree.PlaceOf(extends)}: services.{name}.extends needs a service.");
        var chain = $"{file}#{name}";
        if (extending.Contains(chain))
        {
            throw ComposeTree.Invalid($"{tree.PlaceOf(extends)}: services.{name} extends itself: {string.Join(" → ", extending.Append(chain))}.");
        }
        JsonObject baseServices;
        if (extends["file"] is { } other)
        {
            var otherFile = Path.GetFullPath(other.ToString(), Path.GetDirectoryName(file)!);
            if (!File.Exists(otherFile))
            {
                throw new ComposeException(ErrorCatalog.ComposeFileNotFound, $"{tree.PlaceOf(other)}: services.{name}.extends: the file {otherFile} does not exist.");
            }
            baseServices = ReadFile(tree, otherFile, Path.GetDirectoryName(otherFile)!, lookup, [.. extending, chain])["services"] as JsonObject ?? new JsonObject();
        }
        else
        {
            baseServices = services;
        }
        if (baseServices[baseName] is not JsonObject baseService)
        {
            throw ComposeTree.Invalid($"{tree.PlaceOf(extends)}: services.{name} extends an undefined service '{baseName}'.");
        }
        if (baseService["extends"] is JsonObject)
        {
            baseServices[baseName] = Extend(tree, file, baseServices, baseName, lookup, [.. extending, chain]);
            baseService = (JsonObject)baseServices[baseName]!;
        }
        return tree.Merge(tree.Copy(baseService), service, ["services", name]);
    }

    /// <summary>Every text value (not keys) interpolated; <c>$$</c> stays a literal <c>$</c>.</summary>
    private static void Interpolate(ComposeTree tree, JsonNode? node, Func<string, string?> lookup, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v)
                    {
                        o[key] = tree.From(Interpolated(tree, v, lookup, path + "." + key), v);
                    }
                    else
                    {
                        Interpolate(tree, value, lookup, path + "." + key);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v)
                    {
                        a[i] = tree.From(Interpolated(tree, v, lookup, $"{path}[{i}]"), v);
                    }
                    else
                    {
                        Interpolate(tree, a[i], lookup, $"{path}[{i}]");
                    }
                }
                break;
        }
    }

    private static JsonValue Interpolated(ComposeTree tree, JsonValue value, Func<string, string?> lookup, string path)
    {
        try
        {
            return JsonValue.Create(ComposeInterpolation.Interpolate(value.ToString(), lookup));
        }
        catch (ComposeInterpolationException e)
        {
            throw new ComposeException(e.Variable is null ? ErrorCatalog.ComposeFileInvalid : ErrorCatalog.ComposeVariableMissing,
                $"{tree.PlaceOf(value)}: {path.TrimStart('.')}: {e.Message}");
        }
    }

    /// <summary>Services of profiles not active left out; a service another needs must not be one of them.</summary>
    private static void ApplyProfiles(ComposeTree tree, JsonObject project, IReadOnlyList<string> profiles)
    {
        if (project["services"] is not JsonObject services)
        {
            return;
        }
        foreach (var (name, service) in services.ToList())
        {
            var own = (service?["profiles"] as JsonArray)?.Select(p => p?.ToString()).ToList();
            if (own is { Count: > 0 } && !profiles.Contains("*") && !own.Any(p => profiles.Contains(p)))
            {
                services.Remove(name);
            }
        }
        foreach (var (name, service) in services)
        {
            if (service?["depends_on"] is not JsonObject dependsOn)
            {
                continue;
            }
            foreach (var (dependency, settings) in dependsOn.ToList())
            {
                if (services.ContainsKey(dependency))
                {
                    continue;
                }
                if (settings?["required"]?.ToString() == "false")
                {
                    dependsOn.Remove(dependency);
                    continue;
                }
                throw ComposeTree.Invalid($"{tree.PlaceOf(settings ?? dependsOn)}: service \"{name}\" depends on undefined service \"{dependency}\".");
            }
        }
    }

    /// <summary>A project name as compose makes it: lowercase, only [a-z0-9_-], starting with a letter or digit.</summary>
    public static string NormalizeName(string name) => LeadingNonAlphanumeric().Replace(NotAllowed().Replace(name.ToLowerInvariant(), ""), "");

    [GeneratedRegex("[^a-z0-9_-]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("^[^a-z0-9]+")]
    private static partial Regex LeadingNonAlphanumeric();

    /// <summary>The node a System.Text.Json path (<c>$.services.web.ports[0].target</c>) names, or its nearest ancestor, and the path as compose writes keys.</summary>
    private static (JsonNode? Node, string Key) Find(JsonNode root, string jsonPath)
    {
        var node = root;
        var keys = new List<string>();
        foreach (Match part in PathPart().Matches(jsonPath))
        {
            var key = part.Groups["name"].Success ? part.Groups["name"].Value : part.Groups["quoted"].Success ? part.Groups["quoted"].Value : null;
            JsonNode? next = null;
            if (key is not null)
            {
                keys.Add(key);
                next = (node as JsonObject)?[key];
            }
            else if (int.TryParse(part.Groups["index"].Value, out var index))
            {
                keys[^1] += $"[{index}]";
                next = node is JsonArray a && index < a.Count ? a[index] : null;
            }
            if (next is null)
            {
                break;
            }
            node = next;
        }
        return (node, string.Join('.', keys));
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']+)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathPart();
}
