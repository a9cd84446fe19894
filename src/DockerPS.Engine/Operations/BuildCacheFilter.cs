using System.Globalization;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// The filters <c>docker builder prune</c> takes, as the engine's build cache prune reads them: <c>until</c> (records
/// not used since a time, or for a Go duration such as 24h), <c>id</c> (a regular expression the record's id matches),
/// <c>parent</c>, <c>type</c> and <c>description</c> (exact values), and <c>inuse</c>, <c>shared</c>, <c>private</c>
/// (records that are; only $true is meaningful). Each key once. The build cache has no labels: the engine takes
/// label filters and ignores them, so they are refused here rather than prune more than asked. Other keys and bad
/// values throw <see cref="FormatException"/>.
/// </summary>
public sealed class BuildCacheFilter
{
    private static readonly string[] TextKeys = ["id", "parent", "type", "description"];
    private static readonly string[] FlagKeys = ["inuse", "shared", "private"];

    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    private BuildCacheFilter()
    {
    }

    /// <summary>Records used after this (UTC) are kept.</summary>
    public DateTime? Until { get; private set; }

    /// <summary>The other filters by key, each with its one value (<c>""</c> for the flags).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>Reads filter pairs; until as <see cref="PruneFilter.Parse"/> reads it (a DateTime, a Go duration, Unix seconds or a date and time).</summary>
    public static BuildCacheFilter Parse(IEnumerable<KeyValuePair<string, object>> filters, DateTime now)
    {
        var filter = new BuildCacheFilter();
        foreach (var (given, value) in filters)
        {
            var key = given.ToLowerInvariant();
            if (key == "until")
            {
                filter.Until = filter.Until is null ? PruneFilter.ParseTime(value, now) : throw new FormatException("Give one until filter, not several.");
                continue;
            }
            if (key is "label" or "label!")
            {
                throw new FormatException($"The build cache has no labels, so '{given}' cannot select any: the engine would ignore it and prune regardless. Use until, id, type or description.");
            }
            if (!TextKeys.Contains(key) && !FlagKeys.Contains(key))
            {
                throw new FormatException($"'{given}' is not a build cache filter: use until, id, parent, type, description, inuse, shared or private.");
            }
            if (filter._values.ContainsKey(key))
            {
                throw new FormatException($"Give one {key} filter, not several: the engine takes one value for each.");
            }
            filter._values[key] = FlagKeys.Contains(key) ? Flag(key, value) : Text(value);
        }
        return filter;
    }

    /// <summary>Only an until filter (or none), as <c>docker system prune</c> passes its own on to the build cache.</summary>
    public static BuildCacheFilter FromUntil(DateTime? until) => new() { Until = until };

    /// <summary>The filters as the engine's <c>/build/prune</c> takes them (<c>until</c> as Unix seconds).</summary>
    internal FilterSet ToFilterSet()
    {
        var filters = new FilterSet();
        if (Until is { } until)
        {
            filters.Add("until", DockerTime.ToUnix(new DateTimeOffset(until, TimeSpan.Zero)));
        }
        foreach (var (key, value) in _values)
        {
            filters.Add(key, value);
        }
        return filters;
    }

    /// <summary>
    /// A flag filter's value: the engine keeps a record when its field is present, and these fields have no value, so
    /// only "is" can be asked (sent as an empty value); "is not" cannot.
    /// </summary>
    private static string Flag(string key, object value) => value switch
    {
        true => "",
        string text when text.Trim() is "" || text.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) => "",
        _ => throw new FormatException($"The {key} filter takes only $true: the engine cannot select records that are not {key}."),
    };

    private static string Text(object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.Length > 0 ? text : throw new FormatException("A build cache filter needs a value.");
    }
}
