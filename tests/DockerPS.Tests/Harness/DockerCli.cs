using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DockerPS.Tests.Harness;

/// <summary>The docker CLI against the test engine: the reference our cmdlets are compared with, and test setup.</summary>
public static partial class DockerCli
{
    /// <summary>The CLI up.sh fetched with the newest engine (it negotiates down to each), else the one on PATH.</summary>
    public static readonly string Program = TestEnvironment.SettingOrNull("DOCKERPS_TEST_DOCKER_CLI") ?? "docker";

    public static string Run(params string[] args) => Run(TestEnvironment.DockerConfig, useHost: true, args);

    /// <summary>
    /// The docker CLI with extra environment variables, e.g. DOCKER_BUILDKIT=0 for the classic builder: against the test
    /// engine's socket, or the DOCKER_HOST they give.
    /// </summary>
    public static string WithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(TestEnvironment.DockerConfig, useHost: !environment.ContainsKey("DOCKER_HOST"), args, environment);

    /// <summary>The docker CLI with a configuration directory of its own and no -H: its contexts and config.json decide, as for a user.</summary>
    public static string WithConfig(string configDirectory, params string[] args) => Run(configDirectory, useHost: false, args);

    private static string Run(string configDirectory, bool useHost, string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (useHost)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(TestEnvironment.DockerHost);
        }
        // Image ids go to rmi without their sha256: prefix, which Podman refuses there (both take the bare id).
        foreach (var arg in args[0] == "rmi" ? args.Select(a => a.StartsWith("sha256:", StringComparison.Ordinal) ? a[7..] : a) : args)
        {
            start.ArgumentList.Add(arg);
        }
        // The CLI must not pick up the suite's own DOCKER_* settings of the moment.
        start.Environment["DOCKER_CONFIG"] = configDirectory;
        start.Environment.Remove("DOCKER_CONTEXT");
        start.Environment.Remove("DOCKER_HOST");
        start.Environment.Remove("DOCKER_API_VERSION");
        start.Environment.Remove("DOCKER_TLS_VERIFY");
        start.Environment.Remove("DOCKER_TLS");
        start.Environment.Remove("DOCKER_CERT_PATH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', args)} did not finish in 120 s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }
        return InFamiliarNames(stdout.Result);
    }

    /// <summary>
    /// Docker Hub's domain (and <c>library/</c>) in image names, which Podman lists and Docker engines leave out: the
    /// CLI's output is read in Docker's familiar form, as DockerPS shows names on every engine.
    /// </summary>
    public static string InFamiliarNames(string text) => FullDockerHubName().Replace(text, "");

    [GeneratedRegex(@"(?<![\w.-])docker\.io/(library/(?=[^/\s]+(?:[\s:@""]|$)))?", RegexOptions.Multiline)]
    private static partial Regex FullDockerHubName();

    public static string[] Lines(params string[] args) =>
        Run(args).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// <c>docker commit</c> of <paramref name="container"/> as <paramref name="reference"/> (untagged when null) with
    /// Dockerfile <paramref name="changes"/>; returns the new image's id. Straight to the engine's API with an empty
    /// configuration, because the CLI posts no body, which Podman refuses ("Decode(): EOF").
    /// </summary>
    public static string Commit(string container, string? reference, params string[] changes)
    {
        var query = new List<string> { "container=" + Uri.EscapeDataString(container) };
        if (reference is not null)
        {
            var colon = reference.LastIndexOf(':');
            var (repository, tag) = colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
            query.Add("repo=" + Uri.EscapeDataString(repository));
            query.Add("tag=" + Uri.EscapeDataString(tag));
        }
        query.AddRange(changes.Select(c => "changes=" + Uri.EscapeDataString(c)));
        var body = Post("commit?" + string.Join('&', query), new StringContent("{}", Encoding.UTF8, "application/json"), $"commit of {container}");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("Id").GetString()!;
        return id.StartsWith("sha256:", StringComparison.Ordinal) ? id : "sha256:" + id;
    }

    /// <summary>
    /// A build with BuildKit (<c>POST /build?version=2</c>), which fills the engine's build cache (the classic builder
    /// does not): what a user's <c>docker build</c> does on Docker 23 and later. The context is a tar archive's bytes and
    /// nothing else (no session), which the engine serves to BuildKit itself. Returns the built image's id.
    /// </summary>
    public static string BuildWithBuildKit(byte[] context)
    {
        var content = new ByteArrayContent(context);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        var body = Post("build?version=2", content, "BuildKit build");
        string? id = null;
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var message = JsonDocument.Parse(line).RootElement;
            if (message.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"BuildKit build failed: {error}");
            }
            if (message.TryGetProperty("id", out var kind) && kind.GetString() == "moby.image.id")
            {
                id = message.GetProperty("aux").GetProperty("ID").GetString();
            }
        }
        return id ?? throw new InvalidOperationException($"BuildKit build said no image id: {body}");
    }

    /// <summary>A POST straight to the test engine's API; the answer's body, or an exception saying what failed.</summary>
    private static string Post(string pathAndQuery, HttpContent content, string what)
    {
        var socket = new Uri(TestEnvironment.DockerHost).AbsolutePath;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await client.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(client, ownsSocket: true);
            },
        }) { Timeout = TimeSpan.FromMinutes(5) };
        using var response = http.PostAsync("http://engine/" + pathAndQuery, content).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{what} failed ({(int)response.StatusCode}): {body}");
    }
}
