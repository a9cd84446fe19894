using System.Formats.Tar;
using System.IO.Compression;
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
        var config = ConfigForNew(name);
        var (docker, tls) = DockerEndpoint(host, caFile, certificateFile, keyFile, skipTlsVerify);
        var metadata = new JsonObject();
        if (!string.IsNullOrEmpty(description))
        {
            metadata["Description"] = description;
        }
        var meta = new JsonObject { ["Name"] = name, ["Metadata"] = metadata, ["Endpoints"] = new JsonObject { ["docker"] = docker } };
        Write(config, name, meta, tls, created: true);
        return Get(name);
    }

    /// <summary>
    /// Changes a context as <c>docker context update</c>: a description given replaces the old one (an empty one removes
    /// it); any endpoint setting given rewrites the docker endpoint as <c>--docker</c> does, its TLS files included (those
    /// not given are removed), with the current host unless a new one is given. Other keys of meta.json are kept.
    /// </summary>
    public static DockerContext Update(string name, string? description, string? host, string? caFile, string? certificateFile, string? keyFile, bool? skipTlsVerify)
    {
        if (name == EndpointSpec.DefaultContextName)
        {
            throw new DockerEngineException(ErrorCatalog.DefaultContextReadOnly, "The 'default' context is DOCKER_HOST's and cannot be changed.");
        }
        var config = Config;
        var file = MetaFile(config, name);
        if (!File.Exists(file))
        {
            throw NotFound(name);
        }
        var endpointGiven = host is not null || caFile is not null || certificateFile is not null || keyFile is not null || skipTlsVerify is not null;
        if (description is null && !endpointGiven)
        {
            throw new DockerEngineException(ErrorCatalog.NothingToUpdate, "Give a description or an endpoint setting to change.");
        }
        var meta = ReadMeta(file);
        if (description is not null)
        {
            var metadata = meta["Metadata"] as JsonObject ?? [];
            meta["Metadata"] = metadata;
            if (description.Length == 0)
            {
                metadata.Remove("Description");
            }
            else
            {
                metadata["Description"] = description;
            }
        }
        IReadOnlyList<(string, byte[])>? tls = null;
        if (endpointGiven)
        {
            var endpoints = meta["Endpoints"] as JsonObject ?? [];
            meta["Endpoints"] = endpoints;
            host ??= endpoints["docker"]?["Host"]?.GetValue<string>() ?? "";
            (endpoints["docker"], tls) = DockerEndpoint(host, caFile, certificateFile, keyFile, skipTlsVerify ?? false);
        }
        Write(config, name, meta, tls, created: false);
        return Get(name);
    }

    /// <summary>
    /// <c>docker context export</c>: the context as the CLI's tar (ustar, owner 0, time 0): <c>meta.json</c>, then
    /// <c>tls/</c> with a folder per endpoint holding its TLS files. The built-in <c>default</c> context exports its endpoint.
    /// </summary>
    public static void Export(string name, Stream output)
    {
        var context = Get(name);
        var config = Config;
        var meta = context.GetRaw() is { } raw ? JsonSerializer.SerializeToUtf8Bytes(raw) : JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["Name"] = name,
            ["Metadata"] = new JsonObject(),
            ["Endpoints"] = new JsonObject { ["docker"] = new JsonObject { ["Host"] = context.DockerEndpoint, ["SkipTLSVerify"] = false } },
        });
        using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        tar.WriteEntry(Entry(TarEntryType.RegularFile, ExportedMeta, ReadWriteMode, new MemoryStream(meta)));
        tar.WriteEntry(Entry(TarEntryType.Directory, ExportedTls, PrivateDirectoryMode, null));
        var tlsRoot = TlsRoot(config, name);
        if (name == EndpointSpec.DefaultContextName || !Directory.Exists(tlsRoot))
        {
            return;
        }
        foreach (var endpoint in Directory.GetDirectories(tlsRoot).Order(StringComparer.Ordinal))
        {
            var prefix = $"{ExportedTls}/{Path.GetFileName(endpoint)}";
            tar.WriteEntry(Entry(TarEntryType.Directory, prefix, PrivateDirectoryMode, null));
            foreach (var tlsFile in Directory.GetFiles(endpoint).Order(StringComparer.Ordinal))
            {
                using var content = File.OpenRead(tlsFile);
                tar.WriteEntry(Entry(TarEntryType.RegularFile, $"{prefix}/{Path.GetFileName(tlsFile)}", UnixFileMode.UserRead | UnixFileMode.UserWrite, content));
            }
        }
    }

    /// <summary>
    /// <c>docker context import NAME FILE</c>: a context from an export (a tar, or a zip as the CLI also reads), under a
    /// new name: its meta.json, with the name replaced, and its TLS files. Nothing is written unless the archive is whole.
    /// </summary>
    public static DockerContext Import(string name, Stream input)
    {
        var config = ConfigForNew(name);
        var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        JsonObject? meta = null;
        var tls = new List<(string, byte[])>();
        try
        {
            foreach (var (path, content) in ArchiveFiles(buffer))
            {
                if (path == ExportedMeta)
                {
                    meta = JsonNode.Parse(content) as JsonObject ?? throw new JsonException("meta.json is not a JSON object.");
                }
                else if (path.StartsWith(ExportedTls + "/", StringComparison.Ordinal) && path.Split('/') is [_, var endpoint, var fileName]
                    && endpoint is not ("." or "..") && fileName is not ("." or ".."))
                {
                    tls.Add(($"{endpoint}/{fileName}", content));
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or JsonException)
        {
            throw new DockerEngineException(ErrorCatalog.InvalidArchive, $"Cannot import docker context '{name}': the archive is not a context export ({e.Message}).", e);
        }
        if (meta is null)
        {
            throw new DockerEngineException(ErrorCatalog.InvalidArchive, $"Cannot import docker context '{name}': the archive has no {ExportedMeta}.");
        }
        meta["Name"] = name;
        Write(config, name, meta, tls, created: true);
        return Get(name);
    }

    /// <summary>The regular files of a tar or zip archive, by path, read whole (a context export is a few kilobytes).</summary>
    private static IEnumerable<(string Path, byte[] Content)> ArchiveFiles(MemoryStream archive)
    {
        if (archive.Length >= 4 && archive.GetBuffer() is [(byte)'P', (byte)'K', 3, 4, ..])
        {
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read);
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                using var stream = entry.Open();
                var content = new MemoryStream();
                stream.CopyTo(content);
                yield return (entry.FullName, content.ToArray());
            }
            yield break;
        }
        // The docker CLI's export ends without the tar trailer, and without the padding of its last file's data (seen with
        // docker 28.5.2): what the tar format asks for is added, so the last file reads whole and the archive ends.
        archive.Position = archive.Length;
        archive.Write(new byte[(512 - (int)(archive.Length % 512)) % 512 + 1024]);
        archive.Position = 0;
        using var tar = new TarReader(archive);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                var content = new MemoryStream();
                data.CopyTo(content);
                yield return (entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name, content.ToArray());
            }
        }
    }

    private const string ExportedMeta = "meta.json";
    private const string ExportedTls = "tls";
    private const UnixFileMode ReadWriteMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static UstarTarEntry Entry(TarEntryType type, string path, UnixFileMode mode, Stream? content)
    {
        var entry = new UstarTarEntry(type, path) { Mode = mode, ModificationTime = DateTimeOffset.UnixEpoch };
        if (content is not null)
        {
            entry.DataStream = content;
        }
        return entry;
    }

    /// <summary>
    /// The docker endpoint of meta.json and its TLS files (relative to the context's TLS folder), after checking the host and
    /// loading the files as a connection would, so a context is never written with material that cannot work.
    /// </summary>
    private static (JsonObject Endpoint, IReadOnlyList<(string, byte[])> Tls) DockerEndpoint(string host, string? caFile, string? certificateFile, string? keyFile, bool skipTlsVerify)
    {
        EndpointResolver.ParseHost(host, "parameter -DockerHost");
        if ((certificateFile is null) != (keyFile is null))
        {
            throw new DockerEngineException(ErrorCatalog.TlsCertificateNotFound, "A TLS client certificate needs its key, and a key its certificate: give both or neither.");
        }
        ValidateTlsMaterial(caFile, certificateFile, keyFile);
        var tls = new[] { (caFile, TlsSettings.CaFileName), (certificateFile, TlsSettings.CertificateFileName), (keyFile, TlsSettings.KeyFileName) }
            .Where(f => f.Item1 is not null).Select(f => ($"{DockerEndpointName}/{f.Item2}", File.ReadAllBytes(f.Item1!))).ToArray();
        return (new JsonObject { ["Host"] = host, ["SkipTLSVerify"] = skipTlsVerify }, tls);
    }

    private const string DockerEndpointName = "docker";

    /// <summary>
    /// Writes meta.json and, when <paramref name="tls"/> is given, replaces the context's TLS files with them (readable by
    /// their owner only, as the CLI keeps them). A context being created is removed again when writing fails.
    /// </summary>
    private static void Write(DockerCliConfig config, string name, JsonObject meta, IReadOnlyList<(string Path, byte[] Content)>? tls, bool created)
    {
        var tlsRoot = TlsRoot(config, name);
        try
        {
            if (tls is not null)
            {
                if (Directory.Exists(tlsRoot))
                {
                    Directory.Delete(tlsRoot, recursive: true);
                }
                foreach (var (path, content) in tls)
                {
                    var target = Path.Combine(tlsRoot, path);
                    CreatePrivateDirectory(Path.GetDirectoryName(target)!);
                    WriteAtomically(target, content, secret: true);
                }
            }
            Directory.CreateDirectory(config.MetaDirectory(name));
            WriteAtomically(MetaFile(config, name), JsonSerializer.SerializeToUtf8Bytes(meta), secret: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (created)
            {
                DeleteDirectories(config, name);
            }
            throw new DockerEngineException(ErrorCatalog.LocalFileError, $"Cannot write docker context '{name}' to {config.Directory}: {e.Message}", e);
        }
    }

    private static void CreatePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, PrivateDirectoryMode);
        }
    }

    private static JsonObject ReadMeta(string file)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllBytes(file)) as JsonObject ?? throw new JsonException("it is not a JSON object.");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new DockerEngineException(ErrorCatalog.InvalidEndpoint, $"Cannot read docker context {file}: {e.Message}", e);
        }
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
            return Describe(new DockerContext(name, DefaultDescription, host, name == current, false, [], null, null, null));
        }
        var config = Config;
        var file = MetaFile(config, name);
        var tlsDirectory = config.TlsDirectory(name);
        string[] material = Directory.Exists(tlsDirectory) ? Directory.GetFiles(tlsDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray() : [];
        var storage = (config.MetaDirectory(name), TlsRoot(config, name));
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = doc.RootElement.Clone();
            var description = root.TryGetProperty("Metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("Description", out var d) ? d.GetString() : null;
            var docker = root.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var e) ? e : default;
            var host = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("Host", out var h) ? h.GetString() ?? "" : "";
            var skip = docker.ValueKind == JsonValueKind.Object && docker.TryGetProperty("SkipTLSVerify", out var s) && s.ValueKind == JsonValueKind.True;
            return Describe(new DockerContext(name, description, host, name == current, skip, material, storage, null, root));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return new DockerContext(name, null, "", name == current, false, material, storage, null, null) { Error = $"cannot read {file}: {e.Message}" };
        }
    }

    /// <summary>The context with the engine it names, or with why it cannot be used.</summary>
    private static DockerContext Describe(DockerContext context)
    {
        try
        {
            var engine = new DockerEngine(EndpointResolver.Resolve(context.Name, null, Env));
            return context with { Tls = engine.Spec.Tls, Engine = engine };
        }
        catch (DockerEngineException e)
        {
            return context with { Error = e.Message };
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

    /// <summary>The context's folder of TLS files, one folder in it per endpoint (<c>docker</c>).</summary>
    private static string TlsRoot(DockerCliConfig config, string name) => Path.GetDirectoryName(config.TlsDirectory(name))!;

    private static string MetaFile(DockerCliConfig config, string name) => Path.Combine(config.MetaDirectory(name), "meta.json");

    /// <summary>The store, once <paramref name="name"/> is known to be a valid name that no context has yet.</summary>
    private static DockerCliConfig ConfigForNew(string name)
    {
        ValidateName(name);
        var config = Config;
        return File.Exists(MetaFile(config, name))
            ? throw new DockerEngineException(ErrorCatalog.ContextExists, $"Docker context '{name}' already exists.")
            : config;
    }

    private static DockerEngineException NotFound(string name) =>
        new(ErrorCatalog.ContextNotFound, $"Docker context '{name}' was not found in {Path.Combine(Config.Directory, "contexts")}.");

    private static void DeleteDirectories(DockerCliConfig config, string name)
    {
        foreach (var directory in new[] { config.MetaDirectory(name), TlsRoot(config, name) })
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
