using System.Net;
using DockerPS.Connection;
using DockerPS.Errors;
using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>Which requests the engine timeout holds, over an inner handler that takes its time answering.</summary>
public sealed class TimeoutHandlerTests
{
    /// <summary>Answers every request after <paramref name="delay"/>, honouring cancellation.</summary>
    private sealed class SlowHandler(TimeSpan delay) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }

    private static Task<HttpResponseMessage> Send(string method, string path, TimeSpan? timeout)
    {
        var client = new HttpClient(new TimeoutHandler(new SlowHandler(TimeSpan.FromMilliseconds(400)), "unix:///engine.sock")) { BaseAddress = new Uri("http://engine/") };
        using (EngineTimeout.Use(timeout))
        {
            return client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        }
    }

    [Theory]
    [InlineData("GET", "v1.51/containers/json?all=1")]
    [InlineData("GET", "_ping")]
    [InlineData("POST", "v1.51/containers/create")]
    [InlineData("DELETE", "v1.51/containers/abc")]
    public async Task ShortRequestsFailWhenUnansweredInTime(string method, string path)
    {
        var e = await Assert.ThrowsAsync<DockerEngineException>(() => Send(method, path, TimeSpan.FromMilliseconds(50)));

        Assert.Equal(ErrorCatalog.EngineTimeout, e.Code);
        Assert.Contains($"{method} /{path.Split('?')[0]} within 0.05 s", e.Message);
    }

    [Theory]
    [InlineData("POST", "v1.51/build?t=x")]
    [InlineData("POST", "v1.51/commit?container=c")]
    [InlineData("POST", "v1.51/images/create?fromImage=busybox")]
    [InlineData("POST", "v1.51/images/registry.example:5000/team/app/push?tag=1")]
    [InlineData("POST", "v1.51/images/load")]
    [InlineData("GET", "v1.51/images/get?names=a")]
    [InlineData("POST", "v1.51/containers/c/wait?condition=not-running")]
    [InlineData("POST", "v1.51/containers/c/stop?t=30")]
    [InlineData("POST", "v1.51/containers/c/restart")]
    [InlineData("GET", "v1.51/containers/c/export")]
    [InlineData("PUT", "v1.51/containers/c/archive?path=/")]
    [InlineData("POST", "v1.51/containers/prune")]
    [InlineData("POST", "v1.51/build/prune")]
    [InlineData("POST", "v1.51/swarm/join")]
    [InlineData("POST", "v1.51/swarm/leave?force=1")]
    public async Task LongOperationsAndCallsWithoutATimeoutAreNotHeld(string method, string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await Send(method, path, TimeSpan.FromMilliseconds(50))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send("GET", "v1.51/containers/json", null)).StatusCode);
    }

    [Fact]
    public void TheVariableIsSecondsGreaterThanZero()
    {
        Assert.Null(EngineTimeout.FromEnvironment(_ => null));
        Assert.Equal(TimeSpan.FromSeconds(2.5), EngineTimeout.FromEnvironment(_ => "2.5"));
        Assert.Throws<FormatException>(() => EngineTimeout.FromEnvironment(_ => "0"));
        Assert.Throws<FormatException>(() => EngineTimeout.FromEnvironment(_ => "soon"));
    }
}
