using System.Net.Sockets;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;

namespace DockerPS.Transport;

/// <summary>
/// One pooled, kept-alive <see cref="SocketsHttpHandler"/> per endpoint. Docker.DotNet's own unix transport
/// (ManagedHandler) sends <c>Connection: close</c>, so every request would open a new socket; here a
/// <see cref="SocketsHttpHandler.ConnectCallback"/> hands the pool a unix-socket stream instead.
/// </summary>
internal static class EngineHandler
{
    /// <summary>How long opening a connection may take before the engine counts as unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static SocketsHttpHandler Create(Uri endpoint)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        if (endpoint.Scheme == "unix")
        {
            var path = endpoint.AbsolutePath;
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }

    /// <summary>The HTTP base address requests are sent to; for unix sockets the host name is only a label.</summary>
    public static Uri BaseAddress(Uri endpoint) =>
        endpoint.Scheme == "unix" ? new Uri("http://docker.sock") : new Uri($"http://{endpoint.Host}:{endpoint.Port}");
}

/// <summary>
/// Lets every Docker.DotNet client of one endpoint share that endpoint's pooled handler. Hijacked streams
/// (attach, exec) are read the way Docker.DotNet's own SocketsHttpHandler transport reads them.
/// </summary>
internal sealed class SharedHandlerFactory : IDockerHandlerFactory<HttpMessageHandler>
{
    public static readonly SharedHandlerFactory Instance = new();

    private static readonly IStreamHijacker Hijacker = (IStreamHijacker)Docker.DotNet.NativeHttp.DockerHandlerFactory.Instance;

    public ResolvedTransport CreateHandler(HttpMessageHandler handler, ResolvedClientOptions clientOptions, ILogger logger) =>
        new(handler, clientOptions.Endpoint);

    /// <summary>Only reached when a client is built without a handler, which EngineConnection never does.</summary>
    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        throw new InvalidOperationException("An endpoint handler is required.");

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) => Hijacker.HijackStreamAsync(content);
}
