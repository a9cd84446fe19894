using System.Net.Sockets;
using System.Text;
using System.Text.Json;

/// <summary>The raw floor: a bare HttpClient whose one kept-alive connection is the engine's unix socket.</summary>
internal sealed class RawClient(string socketPath) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    })
    { BaseAddress = new Uri("http://docker") };

    public async Task<string> Send(string method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // 304: already stopped or started, as the CLI and DockerPS also accept.
        return response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotModified ? text : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    /// <summary>Reads a response body to its end without keeping it; returns 0 so the bench times it.</summary>
    public async Task<int> Drain(string path)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
        return 0;
    }

    /// <summary>Posts a file's bytes (an image import) and reads the progress stream to its end, failing on an error in it.</summary>
    public async Task Upload(string path, Stream body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        await ReadProgress(request);
    }

    /// <summary>A push or pull: the engine's progress stream read to its end, failing on an error in it.</summary>
    public Task Transfer(string method, string path, string registryAuth)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("X-Registry-Auth", registryAuth);
        return ReadProgress(request);
    }

    private async Task ReadProgress(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            var text = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
            if (text.Contains("\"errorDetail\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {text}");
            }
        }
    }

    /// <summary>Uploads a folder, itself included, into a container folder as a tar written straight into the request body.</summary>
    public async Task PutArchive(string api, string container, string folder, string destination)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/{api}/containers/{container}/archive?path={Uri.EscapeDataString(destination)}")
        {
            Content = new TarContent(folder),
        };
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Downloads a container path as a tar and extracts it as it arrives.</summary>
    public async Task GetArchive(string api, string container, string path, string destination)
    {
        using var response = await _http.GetAsync($"/{api}/containers/{container}/archive?path={Uri.EscapeDataString(path)}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync();
        Directory.CreateDirectory(destination);
        await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(body, destination, overwriteFiles: true);
    }

    /// <summary>
    /// Builds a context folder through POST /build, the tar of the files <paramref name="keep"/> selects (by
    /// slash-separated relative path) written straight into the request body; reads the JSON stream to its end and
    /// fails on an error message. Returns 0 so the bench times it.
    /// </summary>
    public async Task<int> Build(string api, string context, string tag, Func<string, bool> keep)
    {
        await ReadProgress(new HttpRequestMessage(HttpMethod.Post, $"/{api}/build?t={Uri.EscapeDataString(tag)}&rm=1")
        {
            Content = new BuildContextContent(context, keep),
        });
        return 0;
    }

    private sealed class BuildContextContent : HttpContent
    {
        private readonly string _context;
        private readonly Func<string, bool> _keep;

        public BuildContextContent(string context, Func<string, bool> keep)
        {
            (_context, _keep) = (context, keep);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? transport)
        {
            await using var writer = new System.Formats.Tar.TarWriter(stream, leaveOpen: true);
            foreach (var file in Directory.EnumerateFiles(_context, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(_context, file);
                if (_keep(name))
                {
                    await writer.WriteEntryAsync(file, name);
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Runs a command in a container and waits for it to end.</summary>
    /// <summary>
    /// Runs a command in the container to its end: an exec with no stream attached may answer its start before the
    /// process ends (a bench run once copied into a folder an `rm -rf` was still removing), so its state is read until
    /// it has stopped.
    /// </summary>
    public async Task Exec(string api, string container, string[] command)
    {
        var id = (await Json("POST", $"/{api}/containers/{container}/exec", new { Cmd = command })).GetProperty("Id").GetString();
        await Send("POST", $"/{api}/exec/{id}/start", new { Detach = false });
        while ((await Json("GET", $"/{api}/exec/{id}/json")).GetProperty("Running").GetBoolean())
        {
            await Task.Delay(10);
        }
    }

    private sealed class TarContent(string folder) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            System.Formats.Tar.TarFile.CreateFromDirectoryAsync(folder, stream, includeBaseDirectory: true);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    public async Task<JsonElement> Json(string method, string path, object? body = null) => JsonDocument.Parse(await Send(method, path, body)).RootElement;

    public async Task<string> Create(string api, string image, string[] cmd, string label)
    {
        var body = new { Image = image, Cmd = cmd, Labels = new Dictionary<string, string> { [Bench.Label] = label } };
        return JsonDocument.Parse(await Send("POST", $"/{api}/containers/create", body)).RootElement.GetProperty("Id").GetString()!;
    }

    public async Task RemoveLabelled(string api)
    {
        var filter = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [Bench.Label] }));
        foreach (var container in (await Json("GET", $"/{api}/containers/json?all=1&filters={filter}")).EnumerateArray())
        {
            await Send("DELETE", $"/{api}/containers/{container.GetProperty("Id").GetString()}?force=1");
        }
    }

    public void Dispose() => _http.Dispose();
}
