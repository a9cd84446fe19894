using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Operations;

/// <summary><c>docker pull</c>, <c>docker push</c> and <c>docker login</c>, with credentials sent as the docker CLI sends them.</summary>
public static class RegistryOperations
{
    private const string AuthHeader = "X-Registry-Auth";

    /// <summary>
    /// Pulls <paramref name="reference"/> (its digest, else its tag, else <c>latest</c>; every tag with
    /// <paramref name="allTags"/>), reporting layers into <paramref name="progress"/>. A registry refusing the
    /// credentials is an Unauthorized failure, an image the registry does not have a NotFound one.
    /// </summary>
    public static Task PullAsync(DockerEngine engine, ImageReference reference, bool allTags, string? platform, RegistryCredential credential,
        LayerProgress progress, CancellationToken cancellationToken)
    {
        var query = $"images/create?fromImage={Uri.EscapeDataString(reference.Repository)}";
        // Without a tag the engine would pull every tag: the docker CLI asks for latest unless told -a.
        if ((reference.Digest ?? reference.Tag ?? (allTags ? null : "latest")) is { } tag)
        {
            query += $"&tag={Uri.EscapeDataString(tag)}";
        }
        if (platform is not null)
        {
            query += $"&platform={Uri.EscapeDataString(platform)}";
        }
        return StreamAsync(engine, query, reference.Domain, credential, progress, _ => { }, cancellationToken);
    }

    /// <summary>
    /// <c>docker manifest inspect</c> through the engine (<c>GET /distribution/NAME/json</c>): the engine asks the registry
    /// with <paramref name="credential"/>, as for a pull, so the answer is what a pull there would get. Failures are
    /// classified as for <see cref="PullAsync"/>.
    /// </summary>
    public static async Task<Manifest> InspectManifestAsync(DockerEngine engine, ImageReference reference, RegistryCredential credential, CancellationToken cancellationToken)
    {
        var name = reference.Tag is null && reference.Digest is null ? reference with { Tag = "latest" } : reference;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"distribution/{name}/json");
        request.Headers.TryAddWithoutValidation(AuthHeader, credential.ToHeader());
        using var response = await Classified(engine.OpenAsync(request, cancellationToken), reference.Domain).ConfigureAwait(false);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new Manifest(name.ToString(), body.RootElement.Clone(), engine);
    }

    /// <summary>
    /// Pushes <paramref name="reference"/>'s tag, or every tag of its repository when it has none; one result per tag
    /// pushed, from the engine's aux messages. Failures are classified as for <see cref="PullAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<PushResult>> PushAsync(DockerEngine engine, ImageReference reference, RegistryCredential credential,
        LayerProgress progress, CancellationToken cancellationToken)
    {
        var query = $"images/{Uri.EscapeDataString(reference.Repository)}/push";
        if (reference.Tag is { } tag)
        {
            query += $"?tag={Uri.EscapeDataString(tag)}";
        }
        var pushed = new List<PushResult>();
        await StreamAsync(engine, query, reference.Domain, credential, progress, aux =>
        {
            if (aux.ValueKind == JsonValueKind.Object && aux.TryGetProperty("Tag", out var t) && aux.TryGetProperty("Digest", out var d))
            {
                var size = aux.TryGetProperty("Size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : 0;
                pushed.Add(new PushResult(reference.Repository, t.GetString() ?? "", d.GetString() ?? "", size, engine));
            }
        }, cancellationToken).ConfigureAwait(false);
        return pushed;
    }

    /// <summary>
    /// Verifies <paramref name="credential"/> with the registry through the engine (<c>POST /auth</c>), then stores it as
    /// <c>docker login</c> does (an identity token the registry hands out replaces the password).
    /// </summary>
    public static async Task<RegistryLogin> LoginAsync(DockerEngine engine, DockerCliConfig config, RegistryCredential credential, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(credential.ToJson());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var (status, token) = await Classified(engine.SendJsonAsync(HttpMethod.Post, "auth", body, answer => (
            answer.TryGetProperty("Status", out var s) ? s.GetString() : null,
            answer.TryGetProperty("IdentityToken", out var t) ? t.GetString() : null), cancellationToken), credential.ServerAddress).ConfigureAwait(false);
        var stored = string.IsNullOrEmpty(token) ? credential : new RegistryCredential(credential.ServerAddress, credential.Username, null, token);
        var store = await RegistryCredentials.StoreAsync(config, stored, cancellationToken).ConfigureAwait(false);
        return new RegistryLogin(credential.ServerAddress, credential.Username, store, status ?? "Login Succeeded", engine);
    }

    private static async Task StreamAsync(DockerEngine engine, string query, string registry, RegistryCredential credential, LayerProgress progress,
        Action<JsonElement> onAux, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, query);
        request.Headers.TryAddWithoutValidation(AuthHeader, credential.ToHeader());
        using var response = await Classified(engine.OpenAsync(request, cancellationToken), registry).ConfigureAwait(false);
        await foreach (var message in JsonMessages.ReadAsync(engine, response, cancellationToken).ConfigureAwait(false))
        {
            if (message.Error is { } error)
            {
                throw Classify(new DockerEngineException(ErrorCatalog.EngineError, error), registry);
            }
            progress.Add(message);
            if (message.Aux is { } aux)
            {
                onAux(aux);
            }
        }
    }

    private static async Task<T> Classified<T>(Task<T> call, string registry)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            throw Classify(e, registry);
        }
    }

    /// <summary>
    /// The engine reports a registry refusing credentials as a 500 (or an error inside the stream), a push of a
    /// missing image inside the stream, and a registry it cannot reach in Go's dial and transport errors; its words
    /// are all there is to tell them apart by.
    /// </summary>
    private static DockerEngineException Classify(DockerEngineException e, string registry) =>
        // A 404 is a missing image: Docker Hub answers "pull access denied" for repositories that do not exist.
        e.StatusCode == HttpStatusCode.NotFound || e.Message.Contains("does not exist locally", StringComparison.OrdinalIgnoreCase) ? e.As(ErrorCatalog.ImageNotFound)
        : e.StatusCode == HttpStatusCode.Unauthorized || AuthenticationFailures.Any(m => e.Message.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? e.As(ErrorCatalog.RegistryAuthenticationFailed)
        : NetworkFailures.Any(m => e.Message.Contains(m, StringComparison.OrdinalIgnoreCase))
            ? new DockerEngineException(ErrorCatalog.RegistryUnreachable, $"The engine could not reach the registry {registry}: {e.Message}", e.InnerException, e.StatusCode, e.Target)
        : e;

    private static readonly string[] AuthenticationFailures =
        ["unauthorized", "authentication required", "no basic auth credentials", "401 Unauthorized", "denied: requested access"];

    private static readonly string[] NetworkFailures =
        ["dial tcp", "no such host", "i/o timeout", "connection reset by peer", "TLS handshake timeout", "while awaiting headers"];
}
