using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DockerPS.Tests.Harness;

/// <summary>
/// A FAKE engine on 127.0.0.1, only for fault cases the real engines here cannot produce: an engine that never
/// answers, engines of other API ranges (Docker 29's minimum is 1.44), and answers this machine's engines never give
/// (such as warnings about kernel features they have). It answers /version with the given versions, a versioned path
/// below its minimum API version as Docker does (400, "client version … is too old"), paths ending as a key of the
/// given bodies with that body, every other request with <c>[]</c>, and records the paths.
/// A stalled route's body is sent only in part (a longer one is announced), and then the engine goes quiet: a
/// download the client can be stopped in the middle of. Engines made by <see cref="HoldingUntilAllReceive"/> hold a
/// request until each of them has one (a real engine cannot be made to wait for another).
/// </summary>
public sealed class FakeEngine : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _apiVersion;
    private readonly string? _minApiVersion;
    private readonly IReadOnlyDictionary<string, string> _bodies;
    private readonly string? _stalledRoute;
    private readonly HoldGroup? _hold;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _abandoned;

    private FakeEngine(string? apiVersion, string? minApiVersion, IReadOnlyDictionary<string, string>? bodies = null, string? stalledRoute = null,
        HoldGroup? hold = null)
    {
        _apiVersion = apiVersion;
        _minApiVersion = minApiVersion;
        _bodies = bodies ?? new Dictionary<string, string>();
        _stalledRoute = stalledRoute;
        _hold = hold;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Accepts connections and never says a word.</summary>
    public static FakeEngine Silent() => new(null, null);

    public static FakeEngine Answering(string apiVersion, string minApiVersion, IReadOnlyDictionary<string, string>? bodies = null, string? stalledRoute = null) =>
        new(apiVersion, minApiVersion, bodies, stalledRoute);

    /// <summary>How long a held request waits for the rest of its group before it is answered with an error saying so.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Engines (API 1.41) that each HOLD a request whose path ends with <paramref name="heldRoute"/> until every one of
    /// them has received such a request (or <see cref="Release"/>), then answer it with its body. Requests made one engine after another never
    /// all arrive: the first is answered after <see cref="HoldLimit"/> with an error saying that. A held request whose
    /// client goes away (a cancelled call) counts in <see cref="Abandoned"/>. Held answers close their connection.
    /// </summary>
    public static FakeEngine[] HoldingUntilAllReceive(int engines, string heldRoute, IReadOnlyDictionary<string, string> bodies)
    {
        var group = new HoldGroup(engines, heldRoute);
        return Enumerable.Range(0, engines).Select(_ => new FakeEngine("1.41", "1.12", bodies, hold: group)).ToArray();
    }

    /// <summary>Answers this engine's held requests now, whether or not the rest of its group has received theirs.</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>Held requests whose client closed the connection while they were held.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    public string Endpoint => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public List<string> Paths { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var requestLine = await reader.ReadLineAsync(_stop.Token);
                if (requestLine is null)
                {
                    return;
                }
                var contentLength = 0;
                for (var header = await reader.ReadLineAsync(_stop.Token); !string.IsNullOrEmpty(header); header = await reader.ReadLineAsync(_stop.Token))
                {
                    if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    {
                        contentLength = int.Parse(header["Content-Length:".Length..].Trim());
                    }
                }
                // Request bodies (JSON, ASCII here) are read past so the next request on the connection parses.
                if (contentLength > 0)
                {
                    await reader.ReadBlockAsync(new char[contentLength], _stop.Token);
                }
                var path = requestLine.Split(' ')[1];
                lock (Paths)
                {
                    Paths.Add(path);
                }
                if (_apiVersion is null)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                var route = path.Split('?')[0];
                var body = route.EndsWith("/version", StringComparison.Ordinal)
                    ? $$"""{"Version":"29.0.0-fake","ApiVersion":"{{_apiVersion}}","MinAPIVersion":"{{_minApiVersion}}","Os":"linux","Arch":"amd64"}"""
                    : _bodies.FirstOrDefault(b => route.EndsWith(b.Key, StringComparison.Ordinal)).Value ?? "[]";
                var status = "200 OK";
                if (TooOld(path) is { } version)
                {
                    status = "400 Bad Request";
                    body = $$"""{"message":"client version {{version}} is too old. Minimum supported API version is {{_minApiVersion}}, please upgrade your client to a newer version"}""";
                }
                var held = _hold is not null && route.EndsWith(_hold.Route, StringComparison.Ordinal);
                if (held)
                {
                    switch (await _hold!.HoldAsync(this, stream, _stop.Token))
                    {
                        case HoldOutcome.Abandoned:
                            Interlocked.Increment(ref _abandoned);
                            return;
                        case HoldOutcome.TimedOut:
                            status = "500 Internal Server Error";
                            body = $$"""{"message":"FakeEngine: {{route}} was held {{HoldLimit.TotalSeconds}} s and the other engines' requests did not all come: the calls did not run at once"}""";
                            break;
                    }
                }
                var stalled = _stalledRoute is not null && route.EndsWith(_stalledRoute, StringComparison.Ordinal);
                var length = Encoding.UTF8.GetByteCount(body) + (stalled ? 1_000_000 : 0);
                var response = $"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n{(held ? "Connection: close\r\n" : "")}\r\n{body}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                if (stalled)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                if (held)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>The API version of a versioned path (<c>/v1.41/...</c>) below this engine's minimum, or null.</summary>
    private string? TooOld(string path)
    {
        var parts = path.Split('/');
        return _minApiVersion is not null && parts.Length > 2 && parts[1].StartsWith('v') && Version.TryParse(parts[1][1..], out var version)
            && version < Version.Parse(_minApiVersion) ? parts[1][1..] : null;
    }

    private enum HoldOutcome
    {
        Released,
        TimedOut,
        Abandoned,
    }

    private sealed class HoldGroup(int engines, string route)
    {
        private readonly TaskCompletionSource _allReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly HashSet<FakeEngine> _received = [];

        public string Route => route;

        /// <summary>
        /// Counts this request and waits for the group's. The client sends nothing more on the connection before the
        /// answer, so a read that ends is the client going away; the connection closes after the answer, so the
        /// read left pending never competes with the next request's.
        /// </summary>
        public async Task<HoldOutcome> HoldAsync(FakeEngine engine, Stream stream, CancellationToken cancellationToken)
        {
            lock (_received)
            {
                if (_received.Add(engine) && _received.Count == engines)
                {
                    _allReceived.TrySetResult();
                }
            }
            var closed = stream.ReadAsync(new byte[1], cancellationToken).AsTask();
            var limit = Task.Delay(HoldLimit, cancellationToken);
            var done = await Task.WhenAny(_allReceived.Task, engine._released.Task, closed, limit);
            return done == closed ? HoldOutcome.Abandoned : done == limit ? HoldOutcome.TimedOut : HoldOutcome.Released;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
