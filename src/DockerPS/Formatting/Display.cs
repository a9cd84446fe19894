using System.Globalization;

namespace DockerPS.Formatting;

/// <summary>How the docker CLI prints times, sizes and ids; the format views call these.</summary>
public static class Display
{
    /// <summary>docker's HumanDuration, as in <c>5 minutes ago</c>.</summary>
    public static string Ago(DateTime time) => Duration(DateTime.Now - time) + " ago";

    public static string Duration(TimeSpan span)
    {
        var seconds = span.TotalSeconds;
        return seconds switch
        {
            < 1 => "Less than a second",
            < 2 => "1 second",
            < 60 => $"{(int)seconds} seconds",
            < 120 => "About a minute",
            < 3600 => $"{(int)span.TotalMinutes} minutes",
            < 7200 => "About an hour",
            < 48 * 3600 => $"{(int)span.TotalHours} hours",
            < 7 * 24 * 3600 * 2 => $"{(int)span.TotalDays} days",
            < 30 * 24 * 3600 * 3 => $"{(int)(span.TotalDays / 7)} weeks",
            < 365 * 24 * 3600 * 2 => $"{(int)(span.TotalDays / 30)} months",
            _ => $"{(int)(span.TotalDays / 365)} years",
        };
    }

    /// <summary>
    /// docker's HumanSizeWithPrecision: decimal units, three significant digits (<c>1.98MB</c>) as <c>docker images</c>
    /// shows sizes, or four (<c>1.984MB</c>) as <c>docker system df</c> does.
    /// </summary>
    public static string Size(long bytes, int digits = 3)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB", "PB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return value.ToString("G" + digits, CultureInfo.InvariantCulture) + units[unit];
    }

    /// <summary>Reclaimable space as <c>docker system df</c> shows it: <c>1.2MB (40%)</c>.</summary>
    public static string Reclaimable(long bytes, int? percent) =>
        percent is { } p ? $"{Size(bytes, 4)} ({p}%)" : Size(bytes, 4);

    /// <summary>docker's BytesSize: binary units, four significant digits (<c>23.54GiB</c>), as <c>docker stats</c> shows memory.</summary>
    public static string BinarySize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("G4", CultureInfo.InvariantCulture) + units[unit];
    }

    /// <summary>A percentage with two decimals, as <c>docker stats</c> prints it (<c>96.83%</c>).</summary>
    public static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";

    /// <summary>The 12-character id <c>docker ps</c> and <c>docker images</c> show.</summary>
    public static string ShortId(string? id)
    {
        var bare = id is null ? string.Empty : id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..] : id;
        return bare.Length > 12 ? bare[..12] : bare;
    }
}
