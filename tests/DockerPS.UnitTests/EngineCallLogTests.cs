using System.Net;
using System.Text.RegularExpressions;
using DockerPS.Connection;
using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The -Debug record of engine calls: who records, what a line says, what it never says.</summary>
public sealed class EngineCallLogTests
{
    /// <summary>Answers every request with the given status, after the given delay.</summary>
    private sealed class Answering(HttpStatusCode status, TimeSpan delay = default) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(status);
        }
    }

    private static HttpMessageInvoker Recorder(HttpStatusCode status = HttpStatusCode.OK, TimeSpan delay = default) =>
        new(new CallRecorder(new Answering(status, delay), "unix:///run/engine.sock"));

    private static Task<HttpResponseMessage> Send(HttpMessageInvoker invoker, HttpMethod method, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, "http://docker.sock" + pathAndQuery);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return invoker.SendAsync(request, CancellationToken.None);
    }

    private static List<string> Lines(EngineCallLog log)
    {
        var lines = new List<string>();
        while (log.TryTake(out var line))
        {
            lines.Add(line);
        }
        return lines;
    }

    [Fact]
    public async Task ALineGivesTheEndpointMethodPathStatusAndTime()
    {
        var log = new EngineCallLog();
        using var invoker = Recorder(HttpStatusCode.NotFound, TimeSpan.FromMilliseconds(30));

        using (EngineCallLog.Use(log))
        {
            await Send(invoker, HttpMethod.Get, "/v1.41/containers/nosuch/json");
        }

        var line = Assert.Single(Lines(log));
        var match = Regex.Match(line, @"^unix:///run/engine\.sock GET /v1\.41/containers/nosuch/json -> 404 Not Found in (\d+\.\d) ms$");
        Assert.True(match.Success, line);
        Assert.InRange(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 25, 5000);
    }

    [Fact]
    public async Task OnlyCallsStartedInAScopeRecordAndWorkTheyStartLaterStillDoes()
    {
        var log = new EngineCallLog();
        using var invoker = Recorder(delay: TimeSpan.FromMilliseconds(50));

        await Send(invoker, HttpMethod.Get, "/before");
        Task<HttpResponseMessage> inFlight;
        using (EngineCallLog.Use(log))
        {
            // A call that goes on to make another after the scope has ended (as a negotiation then the call does).
            inFlight = Task.Run(async () =>
            {
                await Send(invoker, HttpMethod.Get, "/first");
                return await Send(invoker, HttpMethod.Get, "/second");
            });
            using (EngineCallLog.Use(null))
            {
                await Send(invoker, HttpMethod.Get, "/nested-without-log");
            }
        }
        await inFlight;
        await Send(invoker, HttpMethod.Get, "/after");

        Assert.Equal(["/first", "/second"], Lines(log).Select(l => l.Split(' ')[2]));
        Assert.Null(EngineCallLog.Active);
    }

    [Fact]
    public async Task CredentialHeadersAndBuildArgumentsAreNamedButNotShown()
    {
        var log = new EngineCallLog();
        using var invoker = Recorder();
        const string secret = "c2VjcmV0LXRva2VuLTQy";

        using (EngineCallLog.Use(log))
        {
            await Send(invoker, HttpMethod.Post, "/v1.41/images/create?fromImage=app&tag=1", ("X-Registry-Auth", secret));
            await Send(invoker, HttpMethod.Post, $"/v1.41/build?t=app&buildargs=%7B%22TOKEN%22%3A%22{secret}%22%7D&labels=%7B%7D",
                ("X-Registry-Config", secret), ("Authorization", "Bearer " + secret));
        }

        var lines = Lines(log);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line => Assert.DoesNotContain(secret, line));
        Assert.EndsWith(", X-Registry-Auth (redacted)", lines[0]);
        Assert.Contains("/v1.41/images/create?fromImage=app&tag=1 -> 200 OK", lines[0]);
        Assert.Contains("/v1.41/build?t=app&buildargs=(redacted)&labels=%7B%7D -> 200 OK", lines[1]);
        Assert.EndsWith(", X-Registry-Config (redacted), Authorization (redacted)", lines[1]);
    }

    [Fact]
    public async Task ARemoteBuildContextIsShownWithoutItsUserInformation()
    {
        var log = new EngineCallLog();
        using var invoker = Recorder();
        const string secret = "ghp_secret42";

        using (EngineCallLog.Use(log))
        {
            await Send(invoker, HttpMethod.Post, "/v1.41/build?dockerfile=Dockerfile&remote=" + Uri.EscapeDataString($"https://user:{secret}@git.example.com/team/app.git#v1:docker"));
            await Send(invoker, HttpMethod.Post, "/v1.41/build?dockerfile=Dockerfile&remote=" + Uri.EscapeDataString("https://git.example.com/a@b/app.git"));
        }

        var lines = Lines(log);
        Assert.DoesNotContain(secret, lines[0]);
        Assert.Contains("&remote=https%3A%2F%2F(redacted)%40git.example.com%2Fteam%2Fapp.git%23v1%3Adocker -> 200 OK", lines[0]);
        // An @ in the path is not user information.
        Assert.Contains("&remote=https%3A%2F%2Fgit.example.com%2Fa%40b%2Fapp.git -> 200 OK", lines[1]);
    }

    [Fact]
    public async Task ACallWithNoAnswerSaysSoAndStillFails()
    {
        var log = new EngineCallLog();
        using var invoker = new HttpMessageInvoker(new CallRecorder(new SocketsHttpHandler
        {
            ConnectCallback = (_, _) => throw new IOException("refused"),
        }, "tcp://127.0.0.1:1"));

        using (EngineCallLog.Use(log))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => Send(invoker, HttpMethod.Get, "/version"));
        }

        Assert.Matches(@"^tcp://127\.0\.0\.1:1 GET /version -> no answer \(HttpRequestException\) in \d+\.\d ms$", Assert.Single(Lines(log)));
    }
}
