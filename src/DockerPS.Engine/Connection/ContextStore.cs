using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DockerPS.Errors;
using DockerPS.Transport;

namespace DockerPS.Connection;

/// <summary>
/// The docker CLI's context store, read and written as the CLI does (<c>docker context ls/create/use/rm</c>):
/// <c>contexts/meta/&lt;sha256(name)&gt;/meta.json</c>, TLS files in <c>contexts/tls/&lt;sha256(name)&gt;/docker/</c>,
/// and <c>currentContext</c> in config.json, so contexts made by either tool work in both.
/// </summary>
public static partial class ContextStore
{
    public const string DefaultDescription = "Current DOCKER_HOST based configuration";

    private static Func<string, string?> Env => Environment.GetEnvironmentVariable;

    private static DockerCliConfig Config => DockerCliConfig.FromEnvironment(Env);

    /// <summary>The built-in <c>default</c> context and every context in the store, by name.</summary>
    public static IReadOnlyList<DockerContext> List()
    {
        var current = EndpointResolver.CurrentContextName(Env);
        return Config.ContextNames().Order(StringComparer.Ordinal).Prepend(EndpointSpec.DefaultContextName)
            .Select(name => Read(name, current)).ToArray();
    }

    /// <summary>One context by name; ContextNotFound when there is none.</summary>
    public static DockerContext Get(string name)
    {
        if (name != EndpointSpec.DefaultContextName && !File.Exists(MetaFile(Config, name)))
        {
            throw NotFound(name);
        }
        return Read(name, EndpointResolver.CurrentContextName(Env));
    }

    /// <summary>
    /// Writes a new context as <c>docker context create NAME --docker host=…,ca=…,cert=…,key=…,skip-tls-verify=…</c>
    /// does: the TLS files are copied into the store. Everything is checked before anything is written.
    /// </summary>
    public static DockerContext Create(string name, string? description, string host, string? caFile, string? certificateFile, string? keyFile, bool skipTlsVerify)
    {
        ValidateName(name);
        var config = Config;
        if (File.Exists(MetaFile(config, name)))
        {
            throw new DockerEngineException(ErrorCatalog.ContextExists, $"Docker context '{name}' already exists.");
        }
        EndpointResolver.ParseHost(host, "parameter -DockerHost");
        if ((certificateFile is null) != (keyFile is null))
        {
            throw new DockerEngineException(ErrorCatalog.TlsCertificateNotFound, "A TLS client certificate needs its key, and a key its certificate: give both or neither.");
        }
        var tlsFiles = new[] { (caFile, TlsSettings.CaFileName), (certificateFile, TlsSettings.CertificateFileName), (keyFile, TlsSettings.KeyFileName) }
            .Where(f => f.Item1 is not null).Select(f => (Source: Path.GetFullPath(f.Item1!), f.Item2)).ToArray();
        ValidateTlsMaterial(caFile, certificateFile, keyFile);

        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(description))
        {
            metadata["Description"] = description;
        }
        var meta = new JsonObject
        {
            ["Name"] = name,
            ["Metadata"] = metadata,
            ["Endpoints"] = new JsonObject { ["docker"] = new JsonObject { ["Host"] = host, ["SkipTLSVerify"] = skipTlsVerify } },
        };
        var tlsDirectory = config.TlsDirectory(name);
        try
        {
            if (tlsFiles.Length > 0)
            {
                // The CLI keeps TLS material readable by its owner only.
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(tlsDirectory);
                }
                else
                {
                    Directory.CreateDirectory(tlsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
                foreach (var (source, fileName) in tlsFiles)
                {
                    WriteAtomically(Path.Combine(tlsDirectory, fileName), File.ReadAllBytes(source), secret: true);
                }
            }
            Directory.CreateDirectory(config.MetaDirectory(name));
            WriteAtomically(MetaFile(config, name), JsonSerializer.SerializeToUtf8Bytes(meta), secret: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            DeleteDirectories(config, name);
            throw new DockerEngineException(ErrorCatalog.LocalFileError, $"Cannot write docker context '{name}' to {config.Directory}: {e.Message}", e);
        }
        return Get(name);
    }

    /// <summary>
    /// Removes a context and its TLS files, as <c>docker context rm</c>: not <c>default</c>, and not the current one
    /// unless forced; removing config.json's current context unsets it there.
    /// </summary>
    public static void Remove(string name, bool force)
    {
        if (name == EndpointSpec.DefaultContextName)
        {
            throw new DockerEngineException(ErrorCatalog.DefaultContextNotRemovable, "The 'default' context cannot be removed.");
        }
        var config = Config;
        if (!File.Exists(MetaFile(config, name)))
        {
            throw NotFound(name);
        }
        if (!force && EndpointResolver.CurrentContextName(Env) == name)
        {
            throw new DockerEngineException(ErrorCatalog.ContextInUse, $"Docker context '{name}' is in use; use -Force to remove it anyway.");
        }
        if (config.CurrentContext() == name)
        {
            SetCurrentContext(config, null);
        }
        DeleteDirectories(config, name);
    }

    /// <summary>Makes a context config.json's current one, as <c>docker context use</c>; <c>default</c> unsets it.</summary>
    public static void Use(string name)
    {
        var config = Config;
        if (name != EndpointSpec.DefaultContextName && !File.Exists(MetaFile(config, name)))
        {
            throw NotFound(name);
        }
        SetCurrentContext(config, name == EndpointSpec.DefaultContextName ? null : name);
    }

    /// <summary>
    /// Sets or removes <c>currentContext</c> in config.json: read, change that key only, write a new file and move it
    /// over the old one, so other keys (auths, credsStore, …) survive and no reader sees half a file.
    /// </summary>
    private static void SetCurrentContext(DockerCliConfig config, string? name)
    {
        var root = config.Load(out var problem);
        if (problem is not null)
        {
            // Writing would lose what the file holds.
            throw new DockerEngineException(ErrorCatalog.InvalidEndpoint, problem);
        }
        if (name is null)
        {
            root.Remove("currentContext");
        }
        else
        {
            root["currentContext"] = name;
        }
        Directory.CreateDirectory(config.Directory);
        WriteAtomically(config.ConfigFile, JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { WriteIndented = true }), secret: true);
    }

    private static DockerContext Read(string name, string current)
    {
        if (name == EndpointSpec.DefaultContextName)
        {
            var host = Env(EndpointResolver.HostVariable) is { Length: > 0 } set ? set : EndpointSpec.DefaultEndpoint.ToString();
            return Describe(name, DefaultDescription, host, current, skipTlsVerify: false, raw: null);
        }
        var file = MetaFile(Config, name);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = doc.RootElement.Clone();
            var description = root.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("Description", out var d) ? d.GetString() : null;
            var docker = root.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var e) ? e : default;
            var host = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("Host", out var h) ? h.GetString() ?? "" : "";
            var skip = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
            return Describe(name, description, host, current, skip, root);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new DockerContext(name, null, "", name == current, false, null, null, $"cannot read {file}: {e.Message}", null);
        }
    }

    /// <summary>The context with the engine it names, or with why it cannot be used.</summary>
    private static DockerContext Describe(string name, string? description, string host, string current, bool skipTlsVerify, JsonElement? raw)
    {
        try
        {
            var engine = new DockerEngine(EndpointResolver.Resolve(name, null, Env));
            return new DockerContext(name, description, host, name == current, skipTlsVerify, engine.Spec.Tls, engine, null, raw);
        }
        catch (DockerEngineException e)
        {
            return new DockerContext(name, description, host, name == current, skipTlsVerify, null, null, e.Message, raw);
        }
    }

    /// <summary>Loads the given TLS files as a connection would, so a context is never written with material that cannot work.</summary>
    private static void ValidateTlsMaterial(string? caFile, string? certificateFile, string? keyFile)
    {
        foreach (var file in new[] { caFile, certificateFile, keyFile })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new DockerEngineException(ErrorCatalog.TlsCertificateNotFound, $"TLS file {Path.GetFullPath(file)} does not exist.");
            }
        }
        if (caFile is not null)
        {
            TlsConnector.LoadCa(caFile);
        }
        if (certificateFile is not null)
        {
            TlsConnector.LoadClientCertificate(certificateFile, keyFile!).Dispose();
        }
    }

    /// <summary>The docker CLI's rule for context names.</summary>
    private static void ValidateName(string name)
    {
        if (name == EndpointSpec.DefaultContextName || !ContextName().IsMatch(name))
        {
            throw new DockerEngineException(ErrorCatalog.InvalidContextName, name == EndpointSpec.DefaultContextName
                ? "'default' is the built-in context and cannot be created."
                : $"'{name}' is not a valid context name: it must start with a letter or digit and contain only letters, digits, '_', '.', '+' and '-'.");
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$")]
    private static partial Regex ContextName();

    private static string MetaFile(DockerCliConfig config, string name) => Path.Combine(config.MetaDirectory(name), "meta.json");

    private static DockerEngineException NotFound(string name) =>
        new(ErrorCatalog.ContextNotFound, $"Docker context '{name}' was not found in {Path.Combine(Config.Directory, "contexts")}.");

    private static void DeleteDirectories(DockerCliConfig config, string name)
    {
        foreach (var directory in new[] { config.MetaDirectory(name), Path.GetDirectoryName(config.TlsDirectory(name))! })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A new file beside the target, then moved over it: readers see the old file or the new one, never half.</summary>
    private static void WriteAtomically(string path, byte[] content, bool secret)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
