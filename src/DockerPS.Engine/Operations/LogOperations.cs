using System.Globalization;
using System.Runtime.CompilerServices;
using DockerPS.Parsing;
using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary><c>docker logs</c>: a container's log as lines, streamed (memory stays flat however long the log is).</summary>
public static class LogOperations
{
    /// <summary>
    /// The container's log lines; with <see cref="LogOptions.Follow"/>, new lines as they are written until the container
    /// stops or <paramref name="cancellationToken"/> is cancelled. An unknown container is a NotFound failure. Reading
    /// blocks the consuming thread while the engine sends nothing: consume it on the pipeline thread (AwaitEach).
    /// </summary>
    public static async IAsyncEnumerable<ContainerLogLine> ReadAsync(DockerEngine engine, string container, LogOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The log is framed by stream only for containers without a TTY; engines before API 1.42 do not say which.
        var tty = await engine.CallAsync(async (client, ct) =>
            (await client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false)).Config?.Tty ?? false, cancellationToken).ConfigureAwait(false);
        // Raw rather than Docker.DotNet's log stream, which allocates per frame and hides the bytes; read with
        // blocking reads, so a consumer on one thread (AwaitEach) takes line after line without thread switches.
        var request = new HttpRequestMessage(HttpMethod.Get, $"containers/{Uri.EscapeDataString(container)}/logs?{Query(options)}");
        request.Options.Set(ConnectionRouter.BlockingReads, true);
        using var response = await engine.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var line in OutputDecoder.ReadAsync(body, container, engine, !tty, options.Timestamps, cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    internal static string Query(LogOptions options)
    {
        static string Flag(bool value) => value ? "1" : "0";
        var query = $"stdout={Flag(options.Stdout)}&stderr={Flag(options.Stderr)}&follow={Flag(options.Follow)}&timestamps={Flag(options.Timestamps)}"
            + $"&tail={options.Tail?.ToString(CultureInfo.InvariantCulture) ?? "all"}";
        if (options.Since is { } since)
        {
            query += $"&since={DockerTime.ToUnix(since)}";
        }
        if (options.Until is { } until)
        {
            query += $"&until={DockerTime.ToUnix(until)}";
        }
        return query;
    }
}
