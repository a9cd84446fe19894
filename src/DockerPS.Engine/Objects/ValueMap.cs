using System.Collections.ObjectModel;

namespace DockerPS;

/// <summary>
/// Names to values in DockerPS output (labels, options, attributes), in the engine's order. ConvertTo-Json writes it as
/// an object; Export-Csv writes <c>name=value</c> pairs joined with commas, as <c>docker ps --format '{{.Labels}}'</c>
/// does, where it would write a type name for a .NET dictionary.
/// </summary>
public sealed class ValueMap : ReadOnlyDictionary<string, string>
{
    /// <param name="pairs">Names to values; of a name given twice (a ps column title), the last value.</param>
    public ValueMap(IEnumerable<KeyValuePair<string, string>>? pairs, IEqualityComparer<string>? comparer = null)
        : base(Collect(pairs, comparer))
    {
    }

    public override string ToString() => string.Join(',', this.Select(p => $"{p.Key}={p.Value}"));

    private static Dictionary<string, string> Collect(IEnumerable<KeyValuePair<string, string>>? pairs, IEqualityComparer<string>? comparer)
    {
        var map = new Dictionary<string, string>(comparer);
        foreach (var (name, value) in pairs ?? [])
        {
            map[name] = value;
        }
        return map;
    }
}
