using System.Text.RegularExpressions;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Transport;

/// <summary>
/// The engine timeout (<see cref="EngineTimeout"/>): a request must be connected and answered (its response headers
/// received) within it, else it fails as EngineTimeout naming the request. Operations the engine answers only when they
/// end, or after reading a large upload, are not held to it: builds, commits, pulls, pushes, loads, imports, exports,
/// copies into a container, stops and restarts (which wait the container's grace period), waits, prunes, and a swarm's
/// init, join and leave (a join waits up to 20 s for the managers). Streams,
/// once answered, are never cut by it.
/// </summary>
internal sealed partial class TimeoutHandler(HttpMessageHandler inner, string endpoint) : DelegatingHandler(inner)
{
    [GeneratedRegex(@"^/?(v[0-9.]+/)?(build(/prune)?|commit|images/(create|load|get|.+/push)|containers/[^/]+/(wait|export|archive|stop|restart)|swarm/(init|join|leave)|[a-z]+/prune)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex LongOperation();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "";
        if (EngineTimeout.Active is not { } timeout || LongOperation().IsMatch(path))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await base.SendAsync(request, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineException(ErrorCatalog.EngineTimeout,
                $"The Docker engine at {endpoint} did not answer {request.Method} {path} within {timeout.TotalSeconds:0.###} s ({EngineTimeout.Variable} or -EngineTimeoutSeconds).", e);
        }
    }
}
