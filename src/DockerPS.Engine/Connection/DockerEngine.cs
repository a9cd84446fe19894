using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Transport;

namespace DockerPS;

/// <summary>
/// An engine that objects came from and cmdlets act on: where it is, how it was chosen, and the shared
/// connection to it. Cheap to create; the connection behind it is cached per endpoint.
/// </summary>
public sealed class DockerEngine
{
    private readonly EngineConnection _connection;

    internal DockerEngine(EndpointSpec spec)
    {
        Spec = spec;
        _connection = EngineConnection.For(spec);
    }

    /// <summary>The context name, or the endpoint address when no named context was used.</summary>
    public string Name => Spec.ContextName == EndpointSpec.DefaultContextName ? Endpoint : Spec.ContextName;

    public string Endpoint => Spec.Address;

    public string Context => Spec.ContextName;

    /// <summary>How the endpoint was chosen: a parameter, an environment variable, a context, or the default.</summary>
    public string Source => Spec.Source;

    /// <summary>The Engine API version in use (negotiated on first call, or pinned by DOCKER_API_VERSION).</summary>
    public string? ApiVersion => _connection.ApiVersion?.ToString();

    internal EndpointSpec Spec { get; }

    /// <summary>Resolves the engine like the docker CLI does, from explicit values and this process's environment.</summary>
    public static DockerEngine Resolve(string? context, string? host) =>
        new(EndpointResolver.Resolve(context, host, Environment.GetEnvironmentVariable));

    /// <summary>This engine's endpoint with SSH options.</summary>
    public DockerEngine WithSsh(SshSettings ssh) => new(WithSsh(Spec, ssh));

    public override string ToString() => Name;

    /// <summary>
    /// Opens the connection (for <c>ssh://</c>: connects, checks the host key, logs in) and negotiates the API version,
    /// if no call has yet; fails as a call would.
    /// </summary>
    public Task ConnectAsync(CancellationToken cancellationToken) => CallAsync((_, _) => Task.CompletedTask, cancellationToken);

    private static EndpointSpec WithSsh(EndpointSpec spec, SshSettings ssh) => spec.Endpoint.Scheme == "ssh"
        ? spec with { Ssh = ssh }
        : throw new DockerEngineException(ErrorCatalog.SshOptionsWithoutSshHost,
            $"{spec.Endpoint} ({spec.Source}) is not an ssh:// endpoint: -Credential, -KeyFile, -Passphrase and -AcceptNewHostKey apply to ssh:// hosts only.");

    /// <summary>Runs one engine call, translating every failure into a <see cref="DockerEngineException"/>.</summary>
    internal async Task<T> CallAsync<T>(Func<DockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            var client = await _connection.ClientAsync(Description, cancellationToken).ConfigureAwait(false);
            return await call(client, cancellationToken).ConfigureAwait(false);
        }
        // A CopyException is a local failure the call itself raised (a local file, a copy rule), not the engine's.
        catch (Exception e) when (e is not (DockerEngineException or CopyException) && !cancellationToken.IsCancellationRequested)
        {
            throw Failure(e);
        }
    }

    /// <summary>Runs one engine call that returns nothing; failures as for the other overload.</summary>
    internal Task CallAsync(Func<DockerClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(async (client, ct) =>
        {
            await call(client, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>A raw versioned request (see <see cref="EngineConnection.SendAsync"/>), failures translated as for <see cref="CallAsync"/>.</summary>
    internal Task<T> SendAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        CallAsync(async (_, ct) =>
        {
            using var response = await _connection.SendAsync(new HttpRequestMessage(method, pathAndQuery) { Content = content }, Description, ct).ConfigureAwait(false);
            return await read(response, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>A raw versioned request whose JSON answer <paramref name="read"/> turns into the result.</summary>
    internal Task<T> SendJsonAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
        SendAsync(method, pathAndQuery, content, async (response, ct) =>
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
            return read(body.RootElement);
        }, cancellationToken);

    /// <summary>
    /// Inspects many objects with a few calls in flight at once (the engine has no bulk inspect), in the order given;
    /// objects removed since they were listed are left out.
    /// </summary>
    internal async Task<IReadOnlyList<T>> InspectEachAsync<T>(IReadOnlyList<string> names, Func<DockerEngine, string, CancellationToken, Task<T>> inspect,
        CancellationToken cancellationToken) where T : class
    {
        var found = new T?[names.Count];
        await Parallel.ForAsync(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                found[i] = await inspect(this, names[i], ct).ConfigureAwait(false);
            }
            catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
            {
            }
        }).ConfigureAwait(false);
        return found.OfType<T>().ToArray();
    }

    /// <summary>A raw versioned request whose response (headers read, body not yet) the caller reads and disposes.</summary>
    internal Task<HttpResponseMessage> OpenAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        CallAsync((_, ct) => _connection.SendAsync(request, Description, ct), cancellationToken);

    /// <summary>
    /// A POST the engine answers by upgrading the connection to a raw stream in both directions (exec start, attach),
    /// as the docker CLI asks for it. Dispose the stream to close the connection.
    /// </summary>
    internal async Task<HijackedStream> HijackAsync(string path, HttpContent? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Upgrade.Add(new ProductHeaderValue(ConnectionRouter.UpgradeProtocol));
        request.Headers.Connection.Add("Upgrade");
        var response = await OpenAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is HijackedContent hijacked)
        {
            return hijacked.Stream;
        }
        response.Dispose();
        throw new DockerEngineException(ErrorCatalog.EngineError,
            $"The Docker engine at {Description} answered {(int)response.StatusCode} instead of upgrading the connection for {path}.");
    }

    private string Description => $"{Endpoint} ({Source})";

    /// <summary>
    /// Any failure of a call, or of reading a stream the engine is sending, as a <see cref="DockerEngineException"/>; an
    /// unreachable engine's, or a lost connection's, has the endpoint as its target.
    /// </summary>
    internal DockerEngineException Failure(Exception e)
    {
        var failure = Translate(e);
        return failure.Code == ErrorCatalog.EngineUnreachable || failure.Code == ErrorCatalog.EngineConnectionLost
            ? new DockerEngineException(failure.Code, failure.Message, failure.InnerException, failure.StatusCode, Endpoint)
            : failure;
    }

    private DockerEngineException Translate(Exception e) => e switch
    {
        // The transport's own verdict (TLS refused, an SSH host key or login refused), wrapped by the HTTP stack: said with
        // the engine, unless the transport already named it.
        _ when Find<DockerEngineException>(e) is { } own => own.Message.Contains(Endpoint, StringComparison.Ordinal) ? own
            : new DockerEngineException(own.Code, $"Docker engine {Description}: {own.Message}", own.InnerException, own.StatusCode),
        // What Go's TLS server answers to plain HTTP.
        DockerApiException { StatusCode: HttpStatusCode.BadRequest } api when api.ResponseBody?.Contains("HTTP request to an HTTPS server", StringComparison.Ordinal) == true =>
            new DockerEngineException(ErrorCatalog.EngineRequiresTls,
                $"The Docker engine at {Description} requires TLS: set {EndpointResolver.TlsVerifyVariable} (and {EndpointResolver.CertPathVariable}) or use a context with TLS material.", api, api.StatusCode),
        // An API version pinned below the engine's minimum (Docker 29 takes 1.44 and later).
        DockerApiException { StatusCode: HttpStatusCode.BadRequest } api when EngineMessage(api).Contains("Minimum supported API version", StringComparison.Ordinal) =>
            new DockerEngineException(ErrorCatalog.ApiVersionNotSupported,
                $"{EngineMessage(api)} (Docker engine {Description}; {EndpointResolver.ApiVersionVariable} pins the version)", api, api.StatusCode),
        DockerApiException api => new DockerEngineException(PodmanCode(api) ?? CodeOf(api.StatusCode), EngineMessage(api), api, api.StatusCode),
        HttpRequestException or SocketException or IOException when ConnectionLost(e) =>
            new DockerEngineException(ErrorCatalog.EngineConnectionLost,
                $"The connection to the Docker engine at {Description} was lost during the operation: {Innermost(e).Message}", e),
        HttpRequestException or SocketException or IOException =>
            new DockerEngineException(ErrorCatalog.EngineUnreachable, $"Cannot connect to the Docker engine at {Description}: {WhyUnreachable(e)}", e),
        OperationCanceledException or TimeoutException =>
            new DockerEngineException(ErrorCatalog.EngineTimeout, $"The Docker engine at {Description} did not answer in time.", e),
        _ => new DockerEngineException(ErrorCatalog.EngineError, $"The Docker engine at {Description} failed: {e.Message}", e),
    };

    /// <summary>
    /// Whether the engine had been reached and the connection then went (the engine stopped or died): its answer ended
    /// before its end, or the connection was reset or closed under the call, but not while it was being opened.
    /// </summary>
    private static bool ConnectionLost(Exception e)
    {
        if (Find<HttpRequestException>(e)?.HttpRequestError is HttpRequestError.ResponseEnded || Find<HttpIOException>(e)?.HttpRequestError is HttpRequestError.ResponseEnded)
        {
            return true;
        }
        return Find<HttpRequestException>(e)?.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
            && Find<SocketException>(e)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;
    }

    /// <summary>What an error status means when the operation does not say more (see <see cref="Operations.EngineAnswers"/>).</summary>
    private static ErrorCode CodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => ErrorCatalog.NotFound,
        HttpStatusCode.Conflict => ErrorCatalog.Conflict,
        HttpStatusCode.BadRequest => ErrorCatalog.InvalidArgument,
        HttpStatusCode.Unauthorized => ErrorCatalog.Unauthorized,
        HttpStatusCode.Forbidden => ErrorCatalog.Forbidden,
        _ => ErrorCatalog.EngineError,
    };

    /// <summary>
    /// The code Docker's status gives where Podman answers 500 with the same meaning (its bodies name a <c>cause</c>):
    /// a container in the wrong state, a name or network that exists, an object in use (Docker: 409), a filter it does
    /// not know or an invalid argument such as a commit change (Docker: 400). Null for anything else, and for Docker's
    /// bodies, which have no cause.
    /// </summary>
    private static ErrorCode? PodmanCode(DockerApiException e)
    {
        if (e.StatusCode != HttpStatusCode.InternalServerError || Field(e, "cause") is not { } cause)
        {
            return null;
        }
        if (cause == "container state improper" || cause.EndsWith(" already in use", StringComparison.Ordinal)
            || cause.EndsWith(" already exists", StringComparison.Ordinal) || cause.EndsWith(" is being used", StringComparison.Ordinal))
        {
            return ErrorCatalog.Conflict;
        }
        return cause.StartsWith("invalid ", StringComparison.Ordinal) || (cause.Contains("filter", StringComparison.Ordinal)
            && (cause.Contains("invalid", StringComparison.Ordinal) || cause.Contains("unsupported", StringComparison.Ordinal)))
            ? ErrorCatalog.InvalidArgument : null;
    }

    /// <summary>The engine's own words: its error bodies are <c>{"message": "..."}</c>.</summary>
    private static string EngineMessage(DockerApiException e) => Field(e, "message")
        ?? (string.IsNullOrWhiteSpace(e.ResponseBody) ? $"The engine answered {(int)e.StatusCode} {e.StatusCode}." : e.ResponseBody.Trim());

    /// <summary>A text field of the engine's JSON error body, or null.</summary>
    private static string? Field(DockerApiException e, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(e.ResponseBody ?? string.Empty);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The socket error for a unix socket path that does not exist is "Cannot assign requested address"; say what is wrong.</summary>
    private string WhyUnreachable(Exception e) =>
        Spec.Endpoint.Scheme == "unix" && !File.Exists(Spec.Endpoint.AbsolutePath)
            ? $"the socket file {Spec.Endpoint.AbsolutePath} does not exist"
            : Innermost(e).Message;

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    private static T? Find<T>(Exception? e) where T : Exception => e is null ? null : e as T ?? Find<T>(e.InnerException);
}
