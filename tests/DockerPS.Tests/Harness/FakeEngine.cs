using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DockerPS.Tests.Harness;

/// <summary>
/// A FAKE engine on 127.0.0.1, only for fault cases the real Docker 20.10 engine cannot produce: an engine that
/// never answers, engines of other API ranges (Docker 29 refuses API &lt; 1.44), and answers this machine's engine
/// never gives (such as warnings about kernel features it has). It answers /version with the given versions, paths
/// ending as a key of the given bodies with that body, every other request with <c>[]</c>, and records the paths.
/// A stalled route's body is sent only in part (a longer one is announced), and then the engine goes quiet: a
/// download the client can be stopped in the middle of.
/// </summary>
public sealed class FakeEngine : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _apiVersion;
    private readonly string? _minApiVersion;
    private readonly IReadOnlyDictionary<string, string> _bodies;
    private readonly string? _stalledRoute;

    private FakeEngine(string? apiVersion, string? minApiVersion, IReadOnlyDictionary<string, string>? bodies = null, string? stalledRoute = null)
    {
        _apiVersion = apiVersion;
        _minApiVersion = minApiVersion;
        _bodies = bodies ?? new Dictionary<string, string>();
        _stalledRoute = stalledRoute;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Accepts connections and never says a word.</summary>
    public static FakeEngine Silent() => new(null, null);

    public static FakeEngine Answering(string apiVersion, string minApiVersion, IReadOnlyDictionary<string, string>? bodies = null, string? stalledRoute = null) =>
        new(apiVersion, minApiVersion, bodies, stalledRoute);

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
                var stalled = _stalledRoute is not null && route.EndsWith(_stalledRoute, StringComparison.Ordinal);
                var length = Encoding.UTF8.GetByteCount(body) + (stalled ? 1_000_000 : 0);
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
                if (stalled)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
