using System.Text;
using System.Text.Json;

namespace DockerPS.Registry;

/// <summary>
/// Credentials for one registry: a user name and password, an identity token, or none (anonymous). The secret is
/// internal and is never shown: <see cref="ToString"/> names only the user and the registry.
/// </summary>
public sealed class RegistryCredential
{
    public RegistryCredential(string serverAddress, string? username, string? password, string? identityToken = null)
    {
        ServerAddress = serverAddress;
        Username = username;
        Password = password;
        IdentityToken = identityToken;
    }

    /// <summary>No credentials for <paramref name="serverAddress"/>: the engine asks the registry anonymously.</summary>
    public static RegistryCredential Anonymous(string serverAddress) => new(serverAddress, null, null);

    /// <summary>The registry key, as in config.json's <c>auths</c> (<c>https://index.docker.io/v1/</c> for Docker Hub).</summary>
    public string ServerAddress { get; }

    public string? Username { get; }

    internal string? Password { get; }

    internal string? IdentityToken { get; }

    public bool IsAnonymous => string.IsNullOrEmpty(Password) && string.IsNullOrEmpty(IdentityToken);

    /// <summary>
    /// The engine's X-Registry-Auth header value: base64url of the auth JSON; when anonymous, of <c>{}</c>, as the docker
    /// CLI sends it (the engine refuses a push without the header: "Bad parameters and missing X-Registry-Auth").
    /// </summary>
    internal string ToHeader() => ToBase64Url(IsAnonymous ? "{}"u8.ToArray() : ToJson());

    /// <summary>
    /// The engine's X-Registry-Config header value for a build: base64url of a JSON object of auth objects by registry
    /// key; anonymous credentials are left out.
    /// </summary>
    internal static string ToConfigHeader(IEnumerable<RegistryCredential> credentials)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var credential in credentials.Where(c => !c.IsAnonymous))
            {
                json.WritePropertyName(credential.ServerAddress);
                credential.WriteAuth(json);
            }
            json.WriteEndObject();
        }
        return ToBase64Url(buffer.ToArray());
    }

    /// <summary>The JSON body of the engine's <c>POST /auth</c> (and, encoded, of X-Registry-Auth).</summary>
    internal byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteAuth(json);
        }
        return buffer.ToArray();
    }

    private void WriteAuth(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        if (!string.IsNullOrEmpty(IdentityToken))
        {
            json.WriteString("identitytoken", IdentityToken);
        }
        else
        {
            json.WriteString("username", Username);
            json.WriteString("password", Password);
        }
        json.WriteString("serveraddress", ServerAddress);
        json.WriteEndObject();
    }

    // The engine decodes the header with base64.URLEncoding, padding included, as the docker CLI encodes it.
    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');

    /// <summary>config.json's <c>auth</c> value: base64 of <c>user:password</c>.</summary>
    internal string BasicAuth() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    public override string ToString() => IsAnonymous ? $"(anonymous)@{ServerAddress}" : $"{Username ?? "<token>"}@{ServerAddress}";
}
