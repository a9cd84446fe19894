using System.Runtime.CompilerServices;
using System.Text;
using DockerPS.Parsing;
using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary><c>docker events</c>: the engine's events, streamed one by one (memory stays flat however long it runs).</summary>
public static class EventOperations
{
    /// <summary>
    /// The events <paramref name="options"/> select, as the engine sends them, until <see cref="EventOptions.Until"/> or
    /// <paramref name="cancellationToken"/>. Filters the engine rejects are an InvalidArgument failure. Reading blocks the
    /// consuming thread while the engine sends nothing: consume it on the pipeline thread (AwaitEach).
    /// </summary>
    public static async IAsyncEnumerable<EngineEvent> ReadAsync(DockerEngine engine, EventOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Raw rather than Docker.DotNet's MonitorEventsAsync, which reports on thread-pool threads and hides the JSON.
        var request = new HttpRequestMessage(HttpMethod.Get, $"events?{Query(options)}");
        request.Options.Set(ConnectionRouter.BlockingReads, true);
        using var response = await engine.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw engine.Failure(e);
            }
            if (line is null)
            {
                yield break;
            }
            // The engine writes one JSON object per line.
            if (line.Length > 0)
            {
                yield return EngineEvent.Parse(line, engine);
            }
        }
    }

    internal static string Query(EventOptions options)
    {
        var query = new List<string>();
        if (options.Since is { } since)
        {
            query.Add($"since={DockerTime.ToUnix(since)}");
        }
        if (options.Until is { } until)
        {
            query.Add($"until={DockerTime.ToUnix(until)}");
        }
        if (!options.Filters.IsEmpty)
        {
            query.Add($"filters={Uri.EscapeDataString(options.Filters.ToJson())}");
        }
        return string.Join('&', query);
    }
}
