using System.Net;
using System.Net.Sockets;
using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;

namespace DockerPS.Transport;

/// <summary>
/// One pooled, kept-alive <see cref="SocketsHttpHandler"/> per endpoint. Docker.DotNet's own unix transport
/// (ManagedHandler) sends <c>Connection: close</c>, so every request would open a new socket; here a
/// <see cref="SocketsHttpHandler.ConnectCallback"/> hands the pool a stream of our own instead. Requests that
/// ask for an upgrade to a raw stream (exec start, attach) get a connection of their own: see <see cref="HijackRouter"/>.
/// </summary>
internal static class EngineHandler
{
    /// <summary>How long opening a connection may take before the engine counts as unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static HttpMessageHandler Create(Uri endpoint)
    {
        var connect = Connector(endpoint);
        var pooled = Connections(connect);
        pooled.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2);
        return new HijackRouter(pooled, () => Connections(connect));
    }

    /// <summary>The HTTP base address requests are sent to; for unix sockets the host name is only a label.</summary>
    public static Uri BaseAddress(Uri endpoint) =>
        endpoint.Scheme == "unix" ? new Uri("http://docker.sock") : new Uri($"http://{endpoint.Host}:{endpoint.Port}");

    private static SocketsHttpHandler Connections(Func<CancellationToken, ValueTask<Stream>> connect) => new()
    {
        ConnectTimeout = ConnectTimeout,
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectCallback = (_, cancellationToken) => connect(cancellationToken),
    };

    private static Func<CancellationToken, ValueTask<Stream>> Connector(Uri endpoint) => endpoint.Scheme == "unix"
        ? cancellationToken => ConnectAsync(new UnixDomainSocketEndPoint(endpoint.AbsolutePath), ProtocolType.Unspecified, cancellationToken)
        : cancellationToken => ConnectAsync(new DnsEndPoint(endpoint.Host, endpoint.Port), ProtocolType.Tcp, cancellationToken);

    private static async ValueTask<Stream> ConnectAsync(EndPoint endPoint, ProtocolType protocol, CancellationToken cancellationToken)
    {
        var socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, protocol)
            : new Socket(SocketType.Stream, protocol) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new SocketStream(socket);
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
/// Sends ordinary requests through the endpoint's pool, and each request asking for <c>Upgrade: tcp</c> through a
/// handler of its own with exactly one connection: after the engine answers 101, that connection is the caller's
/// raw stream in both directions, and closing its sending side must reach the transport (the pooled handler's
/// upgraded stream can only be closed whole, which also ends the output still to be read).
/// </summary>
internal sealed class HijackRouter(HttpMessageHandler pooled, Func<SocketsHttpHandler> dedicated) : DelegatingHandler(pooled)
{
    public const string Protocol = "tcp";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Upgrade.Any(p => p.Name == Protocol))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
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
/// (attach, exec start) get the connection <see cref="HijackRouter"/> upgraded, with a working <c>CloseWrite</c>.
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
