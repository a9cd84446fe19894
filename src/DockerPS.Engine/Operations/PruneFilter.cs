using System.Globalization;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// The filters <c>docker container prune</c> takes, with the engine's meaning: <c>until</c> (created no later than a
/// time, or a Go duration before now), <c>label</c> (has every one of these labels) and <c>label!</c> (skipped when it
/// has every one of these). Other keys and bad values throw <see cref="FormatException"/>. <c>docker volume prune</c>
/// takes the same but until.
/// </summary>
public sealed class PruneFilter
{
    private readonly List<string> _labels = [];
    private readonly List<string> _notLabels = [];

    private PruneFilter()
    {
    }

    /// <summary>Containers created after this (UTC) are kept.</summary>
    public DateTime? Until { get; private set; }

    public IReadOnlyList<string> Labels => _labels;

    public IReadOnlyList<string> NotLabels => _notLabels;

    /// <summary>
    /// Reads filter pairs; an until value is a DateTime, a Go duration, Unix seconds or a date and time text. Volume
    /// prunes take no until filter (<paramref name="takesUntil"/> false), as the engine's do not.
    /// </summary>
    public static PruneFilter Parse(IEnumerable<KeyValuePair<string, object>> filters, DateTime now, bool takesUntil = true)
    {
        var filter = new PruneFilter();
        foreach (var (key, value) in filters)
        {
            switch (key.ToLowerInvariant())
            {
                case "until" when takesUntil && filter.Until is not null:
                    throw new FormatException("Give one until filter, not several.");
                case "until" when takesUntil:
                    filter.Until = ParseTime(value, now);
                    break;
                case "label":
                    filter._labels.Add(Text(value));
                    break;
                case "label!":
                    filter._notLabels.Add(Text(value));
                    break;
                default:
                    throw new FormatException($"'{key}' is not a prune filter here: use {(takesUntil ? "until, label" : "label")} or label!.");
            }
        }
        return filter;
    }

    /// <summary>The labels as engine list filters (every list takes them).</summary>
    internal FilterSet LabelFilters()
    {
        var filters = new FilterSet();
        foreach (var label in _labels)
        {
            filters.Add("label", label);
        }
        return filters;
    }

    /// <summary>The filter as the engine's prune endpoints take it (<c>until</c> as Unix seconds).</summary>
    internal FilterSet PruneFilters()
    {
        var filters = new FilterSet();
        if (Until is { } until)
        {
            filters.Add("until", DockerTime.ToUnix(new DateTimeOffset(until, TimeSpan.Zero)));
        }
        foreach (var label in _labels)
        {
            filters.Add("label", label);
        }
        foreach (var label in _notLabels)
        {
            filters.Add("label!", label);
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

    internal static DateTime ParseTime(object value, DateTime now)
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
