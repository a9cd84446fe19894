using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Handler.Abstractions;
using DockerPS.Connection;
using Microsoft.Extensions.Logging;

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

    private static SocketsHttpHandler Connections(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> connect) => new()
    {
        ConnectTimeout = ConnectTimeout,
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

/// <summary>A transport stream whose sending side can be closed alone, so the engine reads end-of-input (stdin EOF).</summary>
internal interface IWriteClosable
{
    void CloseWrite();
}

internal sealed class SocketStream(Socket socket) : NetworkStream(socket, ownsSocket: true), IWriteClosable
{
    public void CloseWrite() => Socket.Shutdown(SocketShutdown.Send);
}

/// <summary>
/// A connection whose reads and writes block the calling thread (the async methods complete before they return).
/// Disposing it, as the HTTP stack does when a read is cancelled, shuts the socket down, which ends a read blocked in it.
/// </summary>
internal sealed class BlockingSocketStream(Socket socket) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return socket.Receive(buffer);
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[socket.Send(buffer)..];
            }
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Not connected any more.
            }
            socket.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Sends each request over the connection it needs. Most share the endpoint's pool. One asking for
/// <c>Upgrade: tcp</c> (exec start, attach) gets a handler of its own with exactly one connection: after the engine
/// answers 101 that connection is the caller's raw stream in both directions, and closing its sending side must
/// reach the transport (the pooled handler's upgraded stream can only be closed whole, which also ends the output
/// still to be read). One marked <see cref="BlockingReads"/> (log streams) gets a connection of its own, closed after
/// it, blocking on a local socket.
/// </summary>
internal sealed class ConnectionRouter(HttpMessageHandler pooled, HttpMessageHandler blocking, Func<SocketsHttpHandler> dedicated) : DelegatingHandler(pooled)
{
    public const string UpgradeProtocol = "tcp";

    /// <summary>
    /// The response is a long stream read on one thread (the pipeline thread): its reads should block that thread,
    /// which costs a fraction of the CPU of waking a thread-pool thread for each of the many small reads (measured
    /// here: 1M log lines, ~1 s of CPU against ~5 s, and faster than <c>docker logs</c>).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> BlockingReads = new("DockerPS.BlockingReads");

    private readonly HttpMessageInvoker _blocking = new(blocking);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Upgrade.Any(p => p.Name == UpgradeProtocol))
        {
            return await HijackAsync(request, cancellationToken).ConfigureAwait(false);
        }
        if (request.Options.TryGetValue(BlockingReads, out var blockingReads) && blockingReads)
        {
            // Never back to a pool, where the handler would read ahead on it and block whoever returned it.
            request.Headers.ConnectionClose = true;
            return await _blocking.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _blocking.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task<HttpResponseMessage> HijackAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var handler = dedicated();
        IWriteClosable? transport = null;
        var connect = handler.ConnectCallback!;
        handler.ConnectCallback = async (context, ct) =>
        {
            var stream = await connect(context, ct).ConfigureAwait(false);
            transport = (IWriteClosable)stream;
            return stream;
        };
        var invoker = new HttpMessageInvoker(handler);
        try
        {
            var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
            {
                // An error answer (or a refused upgrade) is read whole, so the connection can go now.
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                invoker.Dispose();
                return response;
            }
            var raw = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            response.Content = new HijackedContent(new HijackedStream(raw, transport!, invoker));
            return response;
        }
        catch
        {
            invoker.Dispose();
            throw;
        }
    }
}

/// <summary>The body of an upgraded response: the raw connection, readable and writable.</summary>
internal sealed class HijackedContent(HijackedStream stream) : HttpContent
{
    public HijackedStream Stream { get; } = stream;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        throw new NotSupportedException("A hijacked connection is read as a stream, not copied.");

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(Stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stream.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// An upgraded connection: reads and writes go through the HTTP stack's upgraded stream (which holds any bytes it
/// already buffered), <see cref="CloseWrite"/> goes to the transport underneath.
/// </summary>
internal sealed class HijackedStream(Stream raw, IWriteClosable transport, IDisposable connection) : WriteClosableStream
{
    public override bool CanCloseWrite => true;
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Ends the input: everything written so far is sent, then the engine reads end-of-stream.</summary>
    public override void CloseWrite()
    {
        raw.Flush();
        transport.CloseWrite();
    }

    public override int Read(byte[] buffer, int offset, int count) => raw.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        raw.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        raw.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => raw.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        raw.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        raw.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => raw.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => raw.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            raw.Dispose();
            connection.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>
/// Lets every Docker.DotNet client of one endpoint share that endpoint's handler. Docker.DotNet's hijacked calls
/// (attach, exec start) get the connection <see cref="ConnectionRouter"/> upgraded, with a working <c>CloseWrite</c>.
/// </summary>
internal sealed class SharedHandlerFactory : IDockerHandlerFactory<HttpMessageHandler>
{
    public static readonly SharedHandlerFactory Instance = new();

    public ResolvedTransport CreateHandler(HttpMessageHandler handler, ResolvedClientOptions clientOptions, ILogger logger) =>
        new(handler, clientOptions.Endpoint);

    /// <summary>Only reached when a client is built without a handler, which EngineConnection never does.</summary>
    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        throw new InvalidOperationException("An endpoint handler is required.");

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) => content is HijackedContent hijacked
        ? Task.FromResult<WriteClosableStream>(hijacked.Stream)
        : throw new NotSupportedException("The engine did not upgrade the connection to a raw stream.");
}
