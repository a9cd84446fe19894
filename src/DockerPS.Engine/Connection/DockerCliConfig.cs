using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Errors;

namespace DockerPS.Connection;

/// <summary>
/// Reads the docker CLI's own configuration: <c>$DOCKER_CONFIG/config.json</c> (default <c>~/.docker</c>) and the
/// context store <c>contexts/meta/&lt;sha256(name)&gt;/meta.json</c>, so contexts made by either tool work in both.
/// </summary>
public sealed class DockerCliConfig
{
    public DockerCliConfig(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>The configuration file itself, <c>config.json</c> in <see cref="Directory"/>.</summary>
    public string ConfigFile => Path.Combine(Directory, "config.json");

    public static DockerCliConfig FromEnvironment(Func<string, string?> getEnv)
    {
        var dir = getEnv("DOCKER_CONFIG");
        if (string.IsNullOrEmpty(dir))
        {
            dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }
        return new DockerCliConfig(dir);
    }

    /// <summary>
    /// config.json as the docker CLI loads it: empty when there is none, and empty too when it cannot be read or is not a
    /// JSON object, with <paramref name="problem"/> saying why (the CLI warns and goes on with its defaults; whoever
    /// would write the file refuses instead, so that it is not lost).
    /// </summary>
    public JsonObject Load(out string? problem)
    {
        problem = null;
        try
        {
            return !File.Exists(ConfigFile) ? []
                : JsonNode.Parse(File.ReadAllBytes(ConfigFile)) as JsonObject ?? throw new JsonException("it is not a JSON object.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            problem = $"Cannot read docker configuration {ConfigFile}: {e.Message}";
            return [];
        }
    }

    /// <summary>The <c>currentContext</c> of config.json, or null when unset or there is no usable config.json.</summary>
    public string? CurrentContext() =>
        Load(out _)["currentContext"] is JsonValue value && value.TryGetValue<string>(out var name) && name.Length > 0 ? name : null;

    /// <summary>The docker endpoint of a named context from the context store, with its TLS material (contexts/tls).</summary>
    public (Uri Endpoint, TlsSettings? Tls) ContextEndpoint(string name, string source)
    {
        var path = Path.Combine(MetaDirectory(name), "meta.json");
        if (!File.Exists(path))
        {
            throw new DockerEngineException(ErrorCatalog.ContextNotFound,
                $"Docker context '{name}' was not found in {Path.Combine(Directory, "contexts")}.");
        }
        using var doc = ParseJson(path);
        if (doc.RootElement.TryGetProperty("Endpoints", out var endpoints)
            && endpoints.TryGetProperty("docker", out var docker)
            && docker.TryGetProperty("Host", out var host)
            && host.GetString() is { Length: > 0 } address)
        {
            var skipVerify = docker.TryGetProperty("SkipTLSVerify", out var skip) && skip.ValueKind == JsonValueKind.True;
            var endpoint = EndpointResolver.ParseHost(address, source);
            return (endpoint, endpoint.Scheme == "tcp" ? TlsSettings.FromContextStore(TlsDirectory(name), skipVerify, source) : null);
        }
        throw new DockerEngineException(ErrorCatalog.InvalidEndpoint, $"Docker context '{name}' ({path}) has no docker endpoint.");
    }

    /// <summary>Where a context's meta.json lives.</summary>
    public string MetaDirectory(string name) => Path.Combine(Directory, "contexts", "meta", ContextDirectoryName(name));

    /// <summary>Where a context's TLS files for the docker endpoint live (ca.pem, cert.pem, key.pem).</summary>
    public string TlsDirectory(string name) => Path.Combine(Directory, "contexts", "tls", ContextDirectoryName(name), "docker");

    /// <summary>Names of all contexts in the store, without the implicit <c>default</c>.</summary>
    public IEnumerable<string> ContextNames()
    {
        var meta = Path.Combine(Directory, "contexts", "meta");
        if (!System.IO.Directory.Exists(meta))
        {
            yield break;
        }
        foreach (var file in System.IO.Directory.EnumerateFiles(meta, "meta.json", SearchOption.AllDirectories))
        {
            string? name = null;
            try
            {
                using var doc = ParseJson(file);
                name = doc.RootElement.TryGetProperty("Name", out var n) ? n.GetString() : null;
            }
            catch (DockerEngineException)
            {
                // A broken entry is reported when it is used, not while listing.
            }
            if (!string.IsNullOrEmpty(name))
            {
                yield return name;
            }
        }
    }

    /// <summary>The store keys contexts by the hex SHA-256 of their name.</summary>
    public static string ContextDirectoryName(string name) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name))).ToLowerInvariant();

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DockerEngineException(ErrorCatalog.InvalidEndpoint, $"Cannot read docker configuration {path}: {e.Message}", e);
        }
    }
}
