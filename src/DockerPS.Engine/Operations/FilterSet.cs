using System.Text.Json;

namespace DockerPS.Operations;

/// <summary>Engine list filters (<c>filters={"status":{"running":true}}</c>): each key with its set of values.</summary>
public sealed class FilterSet
{
    private readonly Dictionary<string, IDictionary<string, bool>> _filters = new(StringComparer.Ordinal);

    public bool IsEmpty => _filters.Count == 0;

    public FilterSet Add(string key, string value)
    {
        if (!_filters.TryGetValue(key, out var values))
        {
            _filters[key] = values = new Dictionary<string, bool>(StringComparer.Ordinal);
        }
        values[value] = true;
        return this;
    }

    internal IDictionary<string, IDictionary<string, bool>>? ToEngine() => IsEmpty ? null : _filters;

    /// <summary>As the engine's <c>filters</c> query parameter takes them, for raw requests.</summary>
    internal string ToJson() => JsonSerializer.Serialize(_filters);

    /// <summary>A raw list request's path with these filters as its query: <c>nodes?filters=…</c>, or the path alone.</summary>
    internal string Query(string path) => IsEmpty ? path : path + "?filters=" + Uri.EscapeDataString(ToJson());
}
