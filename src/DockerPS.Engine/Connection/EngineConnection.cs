using System.Collections.Concurrent;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Transport;
using Version = System.Version;

namespace DockerPS.Connection;

/// <summary>
/// The shared, thread-safe connection to one endpoint: a pooled handler and a Docker.DotNet client pinned to the
/// negotiated API version. Cached per endpoint for the life of the process; a failed negotiation is not cached.
/// </summary>
internal sealed class EngineConnection
{
    /// <summary>An unanswered version probe must not hang a runbook.</summary>
    private static readonly TimeSpan NegotiationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Keyed by everything that shapes the connection: the endpoint, a pinned version, TLS material, SSH options.</summary>
    private static readonly ConcurrentDictionary<EndpointSpec, EngineConnection> Cache = new();

    private readonly object _gate = new();
    private readonly HttpMessageHandler _handler;
    private readonly Uri _baseAddress;
    private readonly HttpClient _raw;
    private Task<(DockerClient Client, Version ApiVersion)>? _ready;

    private EngineConnection(EndpointSpec spec)
    {
        PinnedApiVersion = spec.ApiVersion;
        _handler = new CallRecorder(new TimeoutHandler(EngineHandler.Create(spec), spec.Address), spec.Address);
        _baseAddress = EngineHandler.BaseAddress(spec.Endpoint);
        _raw = new HttpClient(_handler, disposeHandler: false) { BaseAddress = _baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Version? PinnedApiVersion { get; }

    /// <summary>The API version in use, once a call has negotiated it.</summary>
    public Version? ApiVersion => _ready is { IsCompletedSuccessfully: true } ready ? ready.Result.ApiVersion : PinnedApiVersion;

    /// <summary>The connection for a spec; how the endpoint was chosen (source, context name) does not make another one.</summary>
    public static EngineConnection For(EndpointSpec spec) =>
        Cache.GetOrAdd(spec with { Source = string.Empty, ContextName = EndpointSpec.DefaultContextName }, key => new EngineConnection(key));

    public async Task<DockerClient> ClientAsync(string description, CancellationToken cancellationToken)
    {
        Task<(DockerClient, Version)> ready;
        lock (_gate)
        {
            ready = _ready ??= ConnectAsync(description);
        }
        try
        {
            return (await ready.WaitAsync(cancellationToken).ConfigureAwait(false)).Item1;
        }
        catch when (ready.IsFaulted || ready.IsCanceled)
        {
            lock (_gate)
            {
                if (_ready == ready)
                {
                    _ready = null;
                }
            }
            throw;
        }
    }

    /// <summary>
    /// A versioned request (its URI relative, without the version) on the same handler, for what Docker.DotNet does
    /// not cover or covers badly: wait conditions, the create body with raw fields merged in, log streams, raw exec
    /// streams, and archive uploads (its request timeout would cut a long upload off, and it takes a stream where our
    /// content writes the body as it is sent). The response is the caller's to dispose; a failure status throws
    /// <see cref="DockerApiException"/>, as Docker.DotNet does.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string description, CancellationToken cancellationToken)
    {
        await ClientAsync(description, cancellationToken).ConfigureAwait(false);
        request.RequestUri = new Uri($"v{ApiVersion}/{request.RequestUri}", UriKind.Relative);
        var response = await _raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.SwitchingProtocols)
        {
            using (response)
            {
                throw new DockerApiException(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            }
        }
        return response;
    }

    /// <summary>
    /// Asks the engine which API versions it accepts, then uses the pinned one (refused here, once, when the engine would
    /// refuse every call with it) or the newest both sides speak.
    /// </summary>
    private async Task<(DockerClient, Version)> ConnectAsync(string description)
    {
        // The probe is unversioned (/version), answered by every daemon whatever API range it accepts.
        using var timeout = new CancellationTokenSource(NegotiationTimeout);
        var probe = Build(null);
        VersionResponse version;
        try
        {
            version = await probe.System.GetVersionAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
        {
            throw new DockerEngineException(ErrorCatalog.EngineTimeout,
                $"The Docker engine at {description} did not answer within {NegotiationTimeout.TotalSeconds:0} s.", e);
        }
        var serverVersion = ApiVersions.Parse(version.APIVersion)
            ?? throw new DockerEngineException(ErrorCatalog.ApiVersionNotSupported,
                $"The Docker engine at {description} reported no usable API version ('{version.APIVersion}').");
        var serverMinimum = ApiVersions.Parse(version.MinAPIVersion);
        var chosen = PinnedApiVersion is { } pinned
            ? ApiVersions.Accepted(pinned, serverVersion, serverMinimum, description)
            : ApiVersions.Negotiate(serverVersion, serverMinimum, description);
        return (Build(chosen), chosen);
    }

    private DockerClient Build(Version? apiVersion) =>
        new DockerClientBuilder()
            .WithEndpoint(_baseAddress)
            .WithApiVersion(apiVersion)
            .WithTransportOptions(SharedHandlerFactory.Instance, _handler)
            .Build();
}
