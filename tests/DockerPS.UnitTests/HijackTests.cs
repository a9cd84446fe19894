using System.Net.Sockets;
using System.Text;
using Docker.DotNet.Models;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>
/// Hijacked (upgraded) connections through the pooled transport, against a fake engine on a unix socket that answers
/// exec start with 101, reads stdin to end-of-file and only then answers, as <c>cat</c> in a container would.
/// </summary>
public sealed class HijackTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dockerps-hijack-").FullName;
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly DockerEngine _engine;

    public HijackTests()
    {
        var path = Path.Combine(_folder, "engine.sock");
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen();
        _ = Task.Run(AcceptAsync);
        _engine = DockerEngine.Resolve(null, "unix://" + path);
    }

    [Fact]
    public async Task DockerDotNetExecStreamsWriteCloseStdinAndStillReadOutput()
    {
        var (stdout, stderr) = await _engine.CallAsync(async (client, ct) =>
        {
            using var stream = await client.Exec.StartContainerExecAsync("cat", new ContainerExecStartParameters(), ct);
            var input = Encoding.UTF8.GetBytes("hello\nworld\n");
            await stream.WriteAsync(input, 0, input.Length, ct);
            stream.CloseWrite();
            return await stream.ReadOutputToEndAsync(ct);
        }, CancellationToken.None);

        Assert.Equal("hello\nworld\n", stdout);
        Assert.Equal("stdin closed after 12 bytes\n", stderr);
    }

    [Fact]
    public async Task AnEngineThatRefusesTheUpgradeAnswersAsAnyError()
    {
        var error = await Assert.ThrowsAsync<DockerEngineException>(() => _engine.CallAsync(
            (client, ct) => client.Exec.StartContainerExecAsync("nosuch", new ContainerExecStartParameters(), ct), CancellationToken.None));

        Assert.Equal(ErrorCatalog.NotFound, error.Code);
        Assert.Equal("No such exec instance: nosuch", error.Message);
    }

    public void Dispose()
    {
        _listener.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    /// <summary>Answers requests on one connection until the client closes it or it is upgraded.</summary>
    private static async Task ServeAsync(Socket connection)
    {
        using var _ = connection;
        using var stream = new NetworkStream(connection);
        while (await ReadHeadAsync(stream) is { } head)
        {
            var requestLine = head.Split("\r\n")[0];
            var length = head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
                ? int.Parse(header.Split(':')[1].Trim())
                : 0;
            await stream.ReadExactlyAsync(new byte[length]);
            if (requestLine.Contains("/version"))
            {
                await RespondAsync(stream, "200 OK", """{"Version":"20.10-fake","ApiVersion":"1.41","MinAPIVersion":"1.12"}""");
            }
            else if (requestLine.Contains("/exec/cat/start") && head.Contains("Upgrade: tcp", StringComparison.OrdinalIgnoreCase))
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"));
                using var input = new MemoryStream();
                await stream.CopyToAsync(input);
                await stream.WriteAsync(OutputDecoderTests.Frame(1, input.ToArray()));
                await stream.WriteAsync(OutputDecoderTests.Frame(2, Encoding.UTF8.GetBytes($"stdin closed after {input.Length} bytes\n")));
                return;
            }
            else
            {
                await RespondAsync(stream, "404 Not Found", """{"message":"No such exec instance: nosuch"}""");
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    private static Task RespondAsync(Stream stream, string status, string json) =>
        stream.WriteAsync(Encoding.UTF8.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}")).AsTask();
}
