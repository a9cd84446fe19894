using System.Globalization;
using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>
/// Points in time as <c>docker logs --since/--until</c> take them: a Go duration counted back from now
/// (<c>10m</c>, <c>1h30m</c>), an RFC 3339 date and time or a prefix of one (<c>2024-05-01</c>,
/// <c>2024-05-01T10:00</c>, <c>2024-05-01T10:00:00.5+02:00</c>; without a zone it is local time), or a unix timestamp
/// (<c>1714557600</c>, <c>1714557600.25</c>). Bad text throws <see cref="FormatException"/> with a message that quotes it.
/// </summary>
public static partial class DockerTime
{
    [GeneratedRegex(@"^(\d+)(?:\.(\d{1,9}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?([zZ]|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        var value = text.Trim();
        try
        {
            if (UnixPattern().Match(value) is { Success: true } unix)
            {
                return DateTimeOffset.UnixEpoch.AddSeconds(long.Parse(unix.Groups[1].Value, CultureInfo.InvariantCulture)).AddTicks(FractionTicks(unix.Groups[2].Value));
            }
            if (DatePattern().Match(value) is { Success: true } date)
            {
                return FromDate(date);
            }
            return now - DockerUnits.ParseDuration(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            // Not a duration, or numbers out of range (a 13th month, a year past 9999).
            throw new FormatException(
                $"'{text}' is not a time: use a duration back from now (10m, 1h30m), an RFC 3339 date and time (2024-05-01, 2024-05-01T10:00:00Z), or a unix timestamp (1714557600).", e);
        }
    }

    /// <summary>The time as the engine's query parameters take it: unix seconds with nanoseconds.</summary>
    public static string ToUnix(DateTimeOffset time)
    {
        var seconds = Math.DivRem(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.TicksPerSecond, out var ticks);
        if (ticks < 0)
        {
            seconds--;
            ticks += TimeSpan.TicksPerSecond;
        }
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{ticks * 100:D9}");
    }

    private static DateTimeOffset FromDate(Match date)
    {
        int Part(int group) => date.Groups[group].Success ? int.Parse(date.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var local = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), DateTimeKind.Unspecified).AddTicks(FractionTicks(date.Groups[7].Value));
        var zone = date.Groups[8].Value;
        var offset = zone switch
        {
            "" => TimeZoneInfo.Local.GetUtcOffset(local),
            "z" or "Z" => TimeSpan.Zero,
            _ => (zone[0] == '-' ? -1 : 1) * new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[4..6], CultureInfo.InvariantCulture), 0),
        };
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Up to nine digits after the decimal point, in ticks (100 ns; finer digits are dropped).</summary>
    private static long FractionTicks(string digits) =>
        digits.Length == 0 ? 0 : long.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture) / 100;
}
