using System.Globalization;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// The filters <c>docker container prune</c> and <c>docker network prune</c> take, with the engine's meaning:
/// <c>until</c> (created no later than a time, or a Go duration before now), <c>label</c> (has every one of these
/// labels) and <c>label!</c> (skipped when it has every one of these). Other keys and bad values throw
/// <see cref="FormatException"/>.
/// </summary>
public sealed class PruneFilter
{
    private readonly List<string> _labels = [];
    private readonly List<string> _notLabels = [];

    private PruneFilter()
    {
    }

    /// <summary>Objects created after this (UTC) are kept.</summary>
    public DateTime? Until { get; private set; }

    public IReadOnlyList<string> Labels => _labels;

    public IReadOnlyList<string> NotLabels => _notLabels;

    /// <summary>Reads filter pairs; an until value is a DateTime, a Go duration, Unix seconds or a date and time text.</summary>
    public static PruneFilter Parse(IEnumerable<KeyValuePair<string, object>> filters, DateTime now)
    {
        var filter = new PruneFilter();
        foreach (var (key, value) in filters)
        {
            switch (key.ToLowerInvariant())
            {
                case "until" when filter.Until is not null:
                    throw new FormatException("Give one until filter, not several.");
                case "until":
                    filter.Until = ParseTime(value, now);
                    break;
                case "label":
                    filter._labels.Add(Text(value));
                    break;
                case "label!":
                    filter._notLabels.Add(Text(value));
                    break;
                default:
                    throw new FormatException($"'{key}' is not a prune filter: use until, label or label!.");
            }
        }
        return filter;
    }

    /// <summary>The part of the filter the engine's list applies: the labels, added to <paramref name="filters"/>.</summary>
    internal FilterSet ListFilters(FilterSet filters)
    {
        foreach (var label in _labels)
        {
            filters.Add("label", label);
        }
        return filters;
    }

    /// <summary>The part the engine's list cannot apply: the creation time and the labels to skip.</summary>
    internal bool Matches(DateTime createdUtc, IDictionary<string, string>? labels) =>
        (Until is not { } until || createdUtc <= until)
        && !(_notLabels.Count > 0 && _notLabels.All(l => HasLabel(labels, l)));

    private static bool HasLabel(IDictionary<string, string>? labels, string filter)
    {
        var equals = filter.IndexOf('=');
        var key = equals < 0 ? filter : filter[..equals];
        return labels is not null && labels.TryGetValue(key, out var value) && (equals < 0 || value == filter[(equals + 1)..]);
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    private static DateTime ParseTime(object value, DateTime now)
    {
        switch (value)
        {
            case DateTime time:
                return time.ToUniversalTime();
            case DateTimeOffset offset:
                return offset.UtcDateTime;
        }
        var text = Text(value).Trim();
        try
        {
            return now.ToUniversalTime() - DockerUnits.ParseDuration(text);
        }
        catch (FormatException)
        {
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        throw new FormatException($"'{text}' is not a time for the until filter: use a duration (24h), Unix seconds or a date and time (2024-01-31T12:00:00).");
    }
}
