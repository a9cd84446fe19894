using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace DockerPS.Operations;

/// <summary>
/// One message of the engine's JSON progress streams (pull, push, build, load, import): a status line, a build
/// output chunk, byte progress of one layer, an error, or an auxiliary object (push digest, built image id).
/// </summary>
internal sealed record JsonMessage(string? Id, string? Status, string? Stream, long? Current, long? Total, string? Error, JsonElement? Aux)
{
    /// <summary>The error's code, when the engine gives one (a classic build's failed RUN step gives its exit code).</summary>
    public int? ErrorCode { get; init; }
}

/// <summary>Reads the engine's JSON message streams.</summary>
internal static class JsonMessages
{
    /// <summary>
    /// The messages of a stream as they arrive. An error the engine reports inside the stream is returned as a message
    /// with <see cref="JsonMessage.Error"/> set, not thrown; the stream may go on after it.
    /// </summary>
    public static async IAsyncEnumerable<JsonMessage> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The engine ends every message with a newline and escapes newlines inside strings, so a line is a message.
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line);
            }
        }
    }

    /// <summary>
    /// The messages of an engine's streamed answer as they arrive; failures reading it (the connection dropped) are the
    /// engine's, as for any other call.
    /// </summary>
    public static async IAsyncEnumerable<JsonMessage> ReadAsync(DockerEngine engine, HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var messages = ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (messages.ConfigureAwait(false))
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await messages.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    throw engine.Failure(e);
                }
                if (!more)
                {
                    yield break;
                }
                yield return messages.Current;
            }
        }
    }

    internal static JsonMessage Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var progress = root.TryGetProperty("progressDetail", out var detail) && detail.ValueKind == JsonValueKind.Object ? detail : default;
        var error = String(root, "error");
        var errorDetail = root.TryGetProperty("errorDetail", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        error ??= errorDetail.ValueKind == JsonValueKind.Object ? String(errorDetail, "message") : null;
        return new JsonMessage(
            String(root, "id"),
            String(root, "status"),
            String(root, "stream"),
            Number(progress, "current"),
            Number(progress, "total"),
            error,
            root.TryGetProperty("aux", out var aux) ? aux.Clone() : null)
        {
            ErrorCode = (int?)Number(errorDetail, "code"),
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt64() : null;
}
