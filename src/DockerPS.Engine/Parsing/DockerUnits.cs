using System.Globalization;
using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>
/// The docker CLI's quantity syntaxes, parsed as it parses them: memory sizes (<c>512m</c>, binary units, as
/// go-units RAMInBytes), CPU counts (<c>1.5</c> → NanoCPUs) and Go durations (<c>1h30m</c>). Bad text throws
/// <see cref="FormatException"/> with a message that quotes it.
/// </summary>
public static partial class DockerUnits
{
    [GeneratedRegex(@"^(\d+(?:\.\d+)*) ?([kmgtp])?i?b?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    /// <summary>A memory size in bytes: a number with an optional unit b, k, m, g, t or p (powers of 1024).</summary>
    public static long ParseBytes(string text)
    {
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new FormatException($"'{text}' is not a size: use a number with an optional unit b, k, m, g, t or p, e.g. 512m.");
        }
        var power = match.Groups[2].Success ? "kmgtp".IndexOf(char.ToLowerInvariant(match.Groups[2].Value[0])) + 1 : 0;
        var bytes = number * Math.Pow(1024, power);
        // The engine takes sizes as 64-bit byte counts: 2^63 bytes (8192p) is the first that does not fit.
        return bytes < 9223372036854775808d ? (long)bytes : throw new FormatException($"'{text}' is too large: a size is at most 9223372036854775807 bytes (just under 8192p).");
    }

    /// <summary>A number of CPUs (<c>--cpus</c>) as the engine's NanoCPUs.</summary>
    public static long ParseCpus(string text)
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) || cpus <= 0)
        {
            throw new FormatException($"'{text}' is not a number of CPUs: use a positive number, e.g. 1.5.");
        }
        var nano = cpus * 1_000_000_000m;
        if (nano != decimal.Truncate(nano))
        {
            throw new FormatException($"'{text}' has more precision than the engine takes (9 decimal places).");
        }
        // The engine counts billionths of a CPU in 64 bits.
        return nano <= long.MaxValue ? (long)nano : throw new FormatException($"'{text}' is too many CPUs: the engine takes at most {long.MaxValue / 1_000_000_000m:0.#########}.");
    }

    /// <summary>A Go duration: an optional sign and number-unit pairs (ns, us, ms, s, m, h), e.g. <c>1h30m</c> or <c>-1.5h</c>.</summary>
    public static TimeSpan ParseDuration(string text) => TimeSpan.FromTicks(ParseNanoseconds(text) / 100);

    /// <summary>
    /// A Go duration in nanoseconds, exactly as Go's time.ParseDuration reads it (fractions below a nanosecond are
    /// dropped), for the engine's duration fields: <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>0</c>.
    /// </summary>
    public static long ParseNanoseconds(string text)
    {
        var body = text.Trim();
        var negative = body.StartsWith('-');
        if (body.StartsWith('-') || body.StartsWith('+'))
        {
            body = body[1..];
        }
        if (body == "0")
        {
            return 0;
        }
        var nanoseconds = 0m;
        var position = 0;
        foreach (Match part in DurationPart().Matches(body))
        {
            if (part.Index != position)
            {
                break;
            }
            position += part.Length;
            var unit = part.Groups[2].Value switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                _ => 3_600_000_000_000m,
            };
            nanoseconds += decimal.TryParse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number < 1e15m
                ? number * unit
                : throw TooLong(text);
        }
        if (position == 0 || position != body.Length)
        {
            throw new FormatException($"'{text}' is not a duration: use number-unit pairs with units ns, us, ms, s, m or h, e.g. 1h30m.");
        }
        nanoseconds = decimal.Truncate(nanoseconds);
        return nanoseconds <= long.MaxValue ? (long)(negative ? -nanoseconds : nanoseconds) : throw TooLong(text);
    }

    private static FormatException TooLong(string text) => new($"'{text}' is too long: a duration is at most 2562047h47m16.854775807s.");
}
