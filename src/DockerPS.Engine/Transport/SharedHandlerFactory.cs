using Docker.DotNet.Handler.Abstractions;
using Microsoft.Extensions.Logging;

namespace DockerPS.Transport;

/// <summary>
/// Lets every Docker.DotNet client of one endpoint share that endpoint's handler. Docker.DotNet's hijacked calls
/// (attach, exec start) get the connection <see cref="ConnectionRouter"/> upgraded, with a working <c>CloseWrite</c>.
/// </summary>
internal sealed class SharedHandlerFactory : IDockerHandlerFactory<HttpMessageHandler>
{
    public static readonly SharedHandlerFactory Instance = new();

    public ResolvedTransport CreateHandler(HttpMessageHandler handler, ResolvedClientOptions clientOptions, ILogger logger) =>
        new(handler, clientOptions.Endpoint);

    /// <summary>Only reached when a client is built without a handler, which EngineConnection never does.</summary>
    public ResolvedTransport CreateHandler(ResolvedClientOptions clientOptions, ILogger logger) =>
        throw new InvalidOperationException("An endpoint handler is required.");

    public Task<WriteClosableStream> HijackStreamAsync(HttpContent content) => content is HijackedContent hijacked
        ? Task.FromResult<WriteClosableStream>(hijacked.Stream)
        : throw new NotSupportedException("The engine did not upgrade the connection to a raw stream.");
}
