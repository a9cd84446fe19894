using System.Diagnostics;
using System.Text.RegularExpressions;
using DockerPS.Connection;

namespace DockerPS.Transport;

/// <summary>
/// Records each request sent to an endpoint in the <see cref="EngineCallLog"/> of whoever started it: method, path and
/// query, the engine's status (or the failure) and the time to the response's headers. Bodies are never recorded;
/// credential headers only by name, build arguments (which may carry tokens) without their values, and a remote
/// build context's URL without its user information.
/// </summary>
internal sealed partial class CallRecorder(HttpMessageHandler inner, string endpoint) : DelegatingHandler(inner)
{
    /// <summary>Headers that carry registry or engine credentials.</summary>
    private static readonly string[] SecretHeaders = ["X-Registry-Auth", "X-Registry-Config", "Authorization"];

    [GeneratedRegex(@"(?<=[?&]buildargs=)[^&]*", RegexOptions.CultureInvariant)]
    private static partial Regex BuildArgsValue();

    /// <summary>The user (and password or token) of a build's remote context URL, as the query escapes it: <c>remote=https%3A%2F%2F…%40</c>.</summary>
    [GeneratedRegex(@"(?<=[?&]remote=[A-Za-z][A-Za-z0-9+.-]*%3A%2F%2F)(?:(?!%2F)[^&/])+(?=%40)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUserInfo();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (EngineCallLog.Active is not { } log)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            log.Add(Line(request, $"{(int)response.StatusCode} {response.ReasonPhrase}", started));
            return response;
        }
        catch (Exception e)
        {
            log.Add(Line(request, $"no answer ({e.GetType().Name})", started));
            throw;
        }
    }

    private string Line(HttpRequestMessage request, string outcome, long started)
    {
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : request.RequestUri?.ToString();
        var target = RemoteUserInfo().Replace(BuildArgsValue().Replace(uri ?? string.Empty, "(redacted)"), "(redacted)");
        var secrets = SecretHeaders.Where(request.Headers.Contains).Select(name => $", {name} (redacted)");
        return $"{endpoint} {request.Method} {target} -> {outcome} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms{string.Concat(secrets)}";
    }
}
