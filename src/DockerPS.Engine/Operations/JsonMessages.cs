using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DockerPS.Operations;

/// <summary>One message of an engine JSON message stream (pull, push, load, import): progress, text, an error or aux data.</summary>
internal sealed record JsonMessage(string? Id, string? Status, string? Stream, long? Current, long? Total, string? Error, JsonElement? Aux);

/// <summary>
/// The engine's JSON message streams: one JSON object per line. An error message is returned like any other, not
/// thrown: what it means is the caller's to say.
/// </summary>
internal static class JsonMessages
{
    public static async IAsyncEnumerable<JsonMessage> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var progress = root.TryGetProperty("progressDetail", out var detail) && detail.ValueKind == JsonValueKind.Object ? detail : default;
            yield return new JsonMessage(Text(root, "id"), Text(root, "status"), Text(root, "stream"), Number(progress, "current"), Number(progress, "total"),
                Text(root, "error") ?? (root.TryGetProperty("errorDetail", out var error) ? Text(error, "message") : null),
                root.TryGetProperty("aux", out var aux) ? aux.Clone() : null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;
}
