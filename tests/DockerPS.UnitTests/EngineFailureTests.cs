using System.Net.Sockets;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>
/// How transport failures are told apart: an engine that could not be reached, and one that was reached and then went
/// during the operation (its answer cut short, the connection reset or closed under an upload), as the HTTP stack
/// reports them.
/// </summary>
public sealed class EngineFailureTests
{
    private const string Socket = "unix:///unit-failure.sock";

    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, Socket);

    public static TheoryData<string, Exception> Lost() => new()
    {
        { "a stream cut short", new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)") },
        { "an answer cut short before its headers", new HttpRequestException(HttpRequestError.ResponseEnded, "An error occurred while sending the request.",
            new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely. (ResponseEnded)")) },
        { "an upload reset", new HttpRequestException("Error while copying content to a stream.", new IOException("Connection reset by peer",
            new SocketException((int)SocketError.ConnectionReset))) },
        { "an upload into a closed connection", new IOException("Broken pipe", new SocketException((int)SocketError.Shutdown)) },
    };

    public static TheoryData<string, Exception> Unreachable() => new()
    {
        { "refused", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)) },
        { "reset while connecting", new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer",
            new SocketException((int)SocketError.ConnectionReset)) },
        { "no such socket", new SocketException((int)SocketError.AddressNotAvailable) },
    };

    [Theory]
    [MemberData(nameof(Lost))]
    public void AConnectionThatWentDuringTheOperationIsLost(string _, Exception e)
    {
        var failure = Engine.Failure(e);

        Assert.Equal(ErrorCatalog.EngineConnectionLost, failure.Code);
        Assert.StartsWith($"The connection to the Docker engine at {Socket} (parameter -DockerHost) was lost during the operation: ", failure.Message);
        Assert.Equal(Socket, failure.Target);
    }

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void AConnectionThatCouldNotBeOpenedIsUnreachable(string _, Exception e)
    {
        var failure = Engine.Failure(e);

        Assert.Equal(ErrorCatalog.EngineUnreachable, failure.Code);
        Assert.StartsWith($"Cannot connect to the Docker engine at {Socket}", failure.Message);
        Assert.Equal(Socket, failure.Target);
    }
}
