using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DockerPS.Tests.Harness;

/// <summary>
/// A web server on 127.0.0.1 (a port of its own) serving a folder's files as they are, for the remote build contexts an
/// engine fetches: tarballs, and git repositories over git's "dumb" HTTP protocol (a bare repository after
/// <c>git update-server-info</c> is all static files; a query such as <c>?service=git-upload-pack</c> is ignored, so
/// git falls back to that protocol). GET and HEAD; anything missing is 404. The Docker engines here run in the host's
/// network namespace and reach it on loopback; Podman's service, in a namespace of its own, does not.
/// </summary>
public sealed class StaticHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requests = [];

    public StaticHttpServer(string root)
    {
        Root = root;
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The folder served.</summary>
    public string Root { get; }

    /// <summary>The URL of a path under the folder.</summary>
    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{path.TrimStart('/')}";

    /// <summary>The request lines received so far (method and path).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    /// <summary>One request per connection, answered and closed (HTTP/1.0 style, with a length).</summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            var requestLine = await reader.ReadLineAsync(_stop.Token);
            if (requestLine is null)
            {
                return;
            }
            while (!string.IsNullOrEmpty(await reader.ReadLineAsync(_stop.Token)))
            {
            }
            var parts = requestLine.Split(' ');
            lock (_requests)
            {
                _requests.Add($"{parts[0]} {parts[1]}");
            }
            var relative = Uri.UnescapeDataString(parts[1].Split('?')[0]).TrimStart('/');
            var file = Path.GetFullPath(Path.Combine(Root, relative));
            var found = file.StartsWith(Path.GetFullPath(Root), StringComparison.Ordinal) && File.Exists(file);
            var body = found ? await File.ReadAllBytesAsync(file, _stop.Token) : Encoding.ASCII.GetBytes("not found\n");
            var head = $"HTTP/1.1 {(found ? "200 OK" : "404 Not Found")}\r\nContent-Type: {(found ? "application/octet-stream" : "text/plain")}\r\n" +
                       $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            if (parts[0] != "HEAD")
            {
                await stream.WriteAsync(body, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
        }
    }
}
