using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DockerPS.Tests.Harness;

/// <summary>
/// A FAKE engine on 127.0.0.1, only for fault cases the real Docker 20.10 engine cannot produce: an engine that
/// never answers, and engines of other API ranges (Docker 29 refuses API &lt; 1.44). It answers /version with the
/// given versions and every other GET with <c>[]</c>, and records the request paths.
/// </summary>
public sealed class FakeEngine : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string? _apiVersion;
    private readonly string? _minApiVersion;

    private FakeEngine(string? apiVersion, string? minApiVersion)
    {
        _apiVersion = apiVersion;
        _minApiVersion = minApiVersion;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>Accepts connections and never says a word.</summary>
    public static FakeEngine Silent() => new(null, null);

    public static FakeEngine Answering(string apiVersion, string minApiVersion) => new(apiVersion, minApiVersion);

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
                while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
                {
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
                var body = path.Split('?')[0].EndsWith("/version", StringComparison.Ordinal)
                    ? $$"""{"Version":"29.0.0-fake","ApiVersion":"{{_apiVersion}}","MinAPIVersion":"{{_minApiVersion}}","Os":"linux","Arch":"amd64"}"""
                    : "[]";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response), _stop.Token);
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
