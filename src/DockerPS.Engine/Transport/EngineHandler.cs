using System.Net;
using System.Net.Sockets;
using DockerPS.Connection;

namespace DockerPS.Transport;

/// <summary>
/// One pooled, kept-alive <see cref="SocketsHttpHandler"/> per endpoint. Docker.DotNet's own unix transport
/// (ManagedHandler) sends <c>Connection: close</c>, so every request would open a new socket; here a
/// <see cref="SocketsHttpHandler.ConnectCallback"/> hands the pool a stream of our own instead. Some requests need a
/// connection of their own: see <see cref="ConnectionRouter"/>.
/// </summary>
internal static class EngineHandler
{
    /// <summary>How long opening a connection may take before the engine counts as unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static HttpMessageHandler Create(EndpointSpec spec)
    {
        if (spec.Endpoint.Scheme == "ssh")
        {
            return Create(new SshTransport(spec.Endpoint, spec.Ssh));
        }
        var endpoint = spec.Endpoint;
        if (endpoint.Scheme == "npipe")
        {
            var name = EndpointSpec.PipeName(endpoint);
            ValueTask<Stream> open(SocketsHttpConnectionContext _, CancellationToken ct) => NamedPipeConnection.ConnectAsync(name, ConnectTimeout, ct);
            var pipes = Connections(open);
            // The pipe's own wait ends first and says which pipe is missing; the handler's, raced against it, said only
            // that time ran out (EngineTimeout, seen on a loaded machine).
            pipes.ConnectTimeout = ConnectTimeout * 2;
            pipes.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2);
            return new ConnectionRouter(pipes, Connections(open), () => Connections(open));
        }
        EndPoint address = endpoint.Scheme == "unix" ? new UnixDomainSocketEndPoint(endpoint.AbsolutePath) : new DnsEndPoint(endpoint.Host, endpoint.Port);
        var tls = spec.Tls is { } settings ? new TlsConnector(settings, endpoint.Host) : null;
        // The HTTP stack speaks plain HTTP/1.1 over whatever stream this returns: TLS is ours, so every route gets it.
        async ValueTask<Stream> connect(SocketsHttpConnectionContext _, CancellationToken ct)
        {
            var transport = await ConnectAsync(address, ct).ConfigureAwait(false);
            return tls is null ? transport : await tls.AuthenticateAsync(transport, ct).ConfigureAwait(false);
        }
        var pooled = Connections(connect);
        pooled.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2);
        // Only a local socket connects at once in blocking mode; a TCP host that does not answer could hold a blocking
        // connect for minutes, so TCP streams keep async reads (on a connection of their own all the same).
        var blocking = Connections(address is UnixDomainSocketEndPoint ? (_, _) => ValueTask.FromResult(ConnectBlocking(address)) : connect);
        return new ConnectionRouter(pooled, blocking, () => Connections(connect));
    }

    /// <summary>
    /// The same three kinds of connection over SSH, each an exec channel (see <see cref="SshTransport"/>): the pool is
    /// capped so that, with the dedicated channels, the server's session limit is never reached; requests beyond it queue.
    /// </summary>
    private static HttpMessageHandler Create(SshTransport ssh)
    {
        SocketsHttpHandler Channels(bool dedicated)
        {
            var handler = Connections((_, ct) => ssh.OpenAsync(dedicated, ct));
            // Connecting may include the SSH login, which has its own time limit.
            handler.ConnectTimeout = SshTransport.ConnectTimeout * 2;
            return handler;
        }
        var pooled = Channels(dedicated: false);
        pooled.MaxConnectionsPerServer = SshTransport.PooledChannels;
        pooled.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2);
        return new ConnectionRouter(pooled, Channels(dedicated: true), () => Channels(dedicated: true));
    }

    /// <summary>The HTTP base address requests are sent to; for unix sockets and SSH the host name is only a label.</summary>
    public static Uri BaseAddress(Uri endpoint) =>
        endpoint.Scheme == "tcp" ? new Uri($"http://{endpoint.Host}:{endpoint.Port}") : new Uri("http://docker.sock");

    /// <remarks>
    /// A response disposed before its end closes its connection at once (<see cref="SocketsHttpHandler.ResponseDrainTimeout"/>
    /// zero) instead of reading the rest to reuse it: the streams DockerPS leaves early (followed logs, events, stats, a
    /// pipeline that wants no more items) do not end, so draining one only held the pipeline (a blocking read) or the
    /// connection for the default 2 s before closing it all the same.
    /// </remarks>
    private static SocketsHttpHandler Connections(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) => new()
    {
        ConnectTimeout = ConnectTimeout,
        ResponseDrainTimeout = TimeSpan.Zero,
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = connect,
    };

    private static Socket NewSocket(EndPoint address) => address is UnixDomainSocketEndPoint
        ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
        : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    private static async ValueTask<SocketStream> ConnectAsync(EndPoint address, CancellationToken cancellationToken)
    {
        var socket = NewSocket(address);
        try
        {
            await socket.ConnectAsync(address, cancellationToken).ConfigureAwait(false);
            return new SocketStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A socket never used asynchronously stays in blocking mode (see <see cref="BlockingSocketStream"/>).</summary>
    private static Stream ConnectBlocking(EndPoint address)
    {
        var socket = NewSocket(address);
        try
        {
            socket.Connect(address);
            return new BlockingSocketStream(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
