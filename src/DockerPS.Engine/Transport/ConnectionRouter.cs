using System.Net;

namespace DockerPS.Transport;

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
