using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Connection;

namespace DockerPS.Registry;

/// <summary>
/// Registry credentials kept the way the docker CLI keeps them in <c>$DOCKER_CONFIG/config.json</c>:
/// <c>credHelpers[registry]</c>, else <c>credsStore</c>, names a <c>docker-credential-&lt;name&gt;</c> helper; otherwise
/// <c>auths[registry]</c> holds base64 <c>user:password</c> (<c>auth</c>) or an <c>identitytoken</c>.
/// </summary>
public static class RegistryCredentials
{
    /// <summary>Docker Hub's key in config.json and credential helpers.</summary>
    public const string DockerHubKey = "https://index.docker.io/v1/";

    private static readonly HashSet<string> DockerHubHosts = ["docker.io", "index.docker.io", "registry-1.docker.io"];

    /// <summary>
    /// The key a registry's credentials are kept under: Docker Hub's names (<c>docker.io</c>, <c>index.docker.io</c>,
    /// <c>registry-1.docker.io</c>, <c>https://index.docker.io/v1/</c>) become <see cref="DockerHubKey"/>; any other
    /// address becomes its host[:port], without scheme or path.
    /// </summary>
    public static string KeyFor(string registry)
    {
        var host = Hostname(registry.Trim());
        return DockerHubHosts.Contains(host.ToLowerInvariant()) ? DockerHubKey : host;
    }

    /// <summary>Where credentials for <paramref name="key"/> come from: a helper's program name, config.json when it has some, else null.</summary>
    public static string? StoreFor(DockerCliConfig config, string key)
    {
        var root = Load(config);
        return Helper(root, key) is { } helper ? CredentialHelper.ProgramName(helper) : AuthsKey(root, key) is not null ? config.ConfigFile : null;
    }

    /// <summary>The stored credentials for <paramref name="key"/>, anonymous ones when none are stored.</summary>
    public static Task<RegistryCredential> ResolveAsync(DockerCliConfig config, string key, CancellationToken cancellationToken)
    {
        var root = Load(config);
        if (Helper(root, key) is { } helper)
        {
            return CredentialHelper.GetAsync(helper, key, cancellationToken);
        }
        return Task.FromResult(FromAuths(root, key));
    }

    /// <summary>
    /// Stores credentials as <c>docker login</c> does: in the helper when one is configured (config.json then keeps an
    /// empty <c>auths</c> entry naming the registry), else in <c>auths</c>. Returns where they went.
    /// </summary>
    public static async Task<string> StoreAsync(DockerCliConfig config, RegistryCredential credential, CancellationToken cancellationToken)
    {
        var key = credential.ServerAddress;
        var helper = Helper(Load(config), key);
        if (helper is not null)
        {
            await CredentialHelper.StoreAsync(helper, credential, cancellationToken).ConfigureAwait(false);
        }
        Update(config, root =>
        {
            var auths = root["auths"] as JsonObject ?? (JsonObject)(root["auths"] = new JsonObject());
            var entry = new JsonObject();
            if (helper is null && !string.IsNullOrEmpty(credential.IdentityToken))
            {
                entry["identitytoken"] = credential.IdentityToken;
            }
            else if (helper is null)
            {
                entry["auth"] = credential.BasicAuth();
            }
            auths[key] = entry;
        });
        return helper is null ? config.ConfigFile : CredentialHelper.ProgramName(helper);
    }

    /// <summary>Erases stored credentials as <c>docker logout</c> does (helper and <c>auths</c>); false when none were stored.</summary>
    public static async Task<bool> EraseAsync(DockerCliConfig config, string key, CancellationToken cancellationToken)
    {
        var root = Load(config);
        var erased = Helper(root, key) is { } helper && await CredentialHelper.EraseAsync(helper, key, cancellationToken).ConfigureAwait(false);
        if (AuthsKey(root, key) is { } entry)
        {
            Update(config, r => (r["auths"] as JsonObject)?.Remove(entry));
            erased = true;
        }
        return erased;
    }

    /// <summary>Registries config.json has credentials or a helper of their own for (<c>auths</c> and <c>credHelpers</c> keys), as keys.</summary>
    public static IEnumerable<string> StoredRegistries(DockerCliConfig config)
    {
        var root = Load(config);
        return new[] { root["auths"], root["credHelpers"] }.OfType<JsonObject>().SelectMany(o => o.Select(e => KeyFor(e.Key))).Distinct().Order(StringComparer.Ordinal);
    }

    private static string? Helper(JsonObject root, string key) =>
        Text(root["credHelpers"]?[key]) is { Length: > 0 } specific ? specific
        : Text(root["credsStore"]) is { Length: > 0 } store ? store : null;

    private static RegistryCredential FromAuths(JsonObject root, string key)
    {
        if (AuthsKey(root, key) is not { } found || root["auths"]?[found] is not JsonObject entry)
        {
            return RegistryCredential.Anonymous(key);
        }
        var (username, password) = (Text(entry["username"]), Text(entry["password"]));
        if (Text(entry["auth"]) is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException e)
            {
                throw new CredentialStoreException($"The auths entry for {found} in config.json has an 'auth' value that is not base64.", e);
            }
            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                throw new CredentialStoreException($"The auths entry for {found} in config.json has an 'auth' value that is not user:password.");
            }
            (username, password) = (decoded[..colon], decoded[(colon + 1)..]);
        }
        return new RegistryCredential(key, username, password, Text(entry["identitytoken"]));
    }

    /// <summary>The auths key for a registry: the key itself, else one naming the same host (e.g. with a scheme), as the CLI's file store matches.</summary>
    private static string? AuthsKey(JsonObject root, string key) =>
        root["auths"] is JsonObject auths
            ? auths.ContainsKey(key) ? key : auths.Select(a => a.Key).FirstOrDefault(k => KeyFor(k) == key)
            : null;

    private static string Hostname(string address)
    {
        var rest = address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? address[7..]
            : address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? address[8..] : address;
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>config.json for reading: one that cannot be read counts as empty, as for the docker CLI (the cmdlets warn).</summary>
    private static JsonObject Load(DockerCliConfig config) => config.Load(out _);

    /// <summary>
    /// Read-modify-write of config.json that keeps every other key (contexts, proxies, …), replaced atomically through
    /// a temporary file readable only by its owner, as the docker CLI writes it.
    /// </summary>
    private static void Update(DockerCliConfig config, Action<JsonObject> change)
    {
        var path = config.ConfigFile;
        var root = config.Load(out var problem);
        if (problem is not null)
        {
            // Writing would lose what the file holds.
            throw new CredentialStoreException(problem);
        }
        change(root);
        var temp = Path.Combine(config.Directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(config.Directory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var file = new FileStream(temp, options))
            using (var json = new Utf8JsonWriter(file, new JsonWriterOptions { Indented = true }))
            {
                root.WriteTo(json);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new CredentialStoreException($"Cannot write docker configuration {path}: {e.Message}", e);
        }
    }
}
