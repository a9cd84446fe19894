using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using DockerPS.Parsing;

namespace DockerPS.Compose;

/// <summary>
/// The model's JSON: the compose CLI's keys (snake case), nulls left out. Reading takes the loader's tree, where every
/// scalar is YAML text: numbers and booleans are read from strings, sizes and durations in compose's syntaxes.
/// </summary>
public static class ComposeJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new YamlBooleanConverter() },
        WriteIndented = true,
    };

    /// <summary>
    /// The project as <c>docker compose config --format json</c> writes it: a compose file again, so a literal
    /// <c>$</c> in a value is written <c>$$</c>, as the CLI does, and reads back as the same value.
    /// </summary>
    public static string Serialize(ComposeProject project)
    {
        var tree = JsonSerializer.SerializeToNode(project, Options)!;
        EscapeDollars(tree);
        return tree.ToJsonString(Options);
    }

    private static void EscapeDollars(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        o[key] = v.ToString().Replace("$", "$$", StringComparison.Ordinal);
                    }
                    else
                    {
                        EscapeDollars(value);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        a[i] = v.ToString().Replace("$", "$$", StringComparison.Ordinal);
                    }
                    else
                    {
                        EscapeDollars(a[i]);
                    }
                }
                break;
        }
    }
}

/// <summary>A YAML boolean (true/false in any case), as text or JSON.</summary>
internal sealed class YamlBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when bool.TryParse(reader.GetString(), out var value) => value,
        _ => throw new JsonException($"'{Text(ref reader)}' is not true or false."),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);

    internal static string Text(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
}

/// <summary>A duration in Go's syntax (<c>1m30s</c>), written as Go writes it, as compose does.</summary>
internal sealed class GoDurationConverter : JsonConverter<TimeSpan?>
{
    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = YamlBooleanConverter.Text(ref reader);
        try
        {
            return DockerUnits.ParseDuration(text);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options) => writer.WriteStringValue(Format(value!.Value));

    /// <summary>Go's time.Duration.String(): <c>1h2m3.5s</c>, <c>1m0s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var nanoseconds = value.Ticks * 100;
        if (nanoseconds == 0)
        {
            return "0s";
        }
        var sign = nanoseconds < 0 ? "-" : "";
        nanoseconds = Math.Abs(nanoseconds);
        static string Fraction(long amount, long unit) =>
            (amount / (decimal)unit).ToString("0.#########", CultureInfo.InvariantCulture);
        if (nanoseconds < 1_000_000_000)
        {
            return sign + (nanoseconds < 1_000 ? $"{nanoseconds}ns" : nanoseconds < 1_000_000 ? Fraction(nanoseconds, 1_000) + "µs" : Fraction(nanoseconds, 1_000_000) + "ms");
        }
        var hours = nanoseconds / 3_600_000_000_000;
        var minutes = nanoseconds / 60_000_000_000 % 60;
        var seconds = Fraction(nanoseconds % 60_000_000_000, 1_000_000_000) + "s";
        return sign + (hours > 0 ? $"{hours}h{minutes}m" : minutes > 0 ? $"{minutes}m" : "") + seconds;
    }
}

/// <summary>A size in bytes, given as a number or with a unit (<c>64m</c>), written as compose writes it: a string of bytes.</summary>
internal sealed class BytesConverter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return DockerUnits.ParseBytes(YamlBooleanConverter.Text(ref reader));
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message);
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value!.Value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A file mode: YAML's octal (<c>0440</c>, <c>0o440</c>) or decimal, written in octal as compose does.</summary>
internal sealed class FileModeConverter : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = YamlBooleanConverter.Text(ref reader);
        var octal = text.StartsWith("0o", StringComparison.Ordinal) ? text[2..] : text.StartsWith('0') && text.Length > 1 ? text[1..] : null;
        try
        {
            return octal is null ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : Convert.ToInt32(octal, 8);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw new JsonException($"'{text}' is not a file mode: use an octal number such as 0440.");
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value == 0 ? "0" : "0" + Convert.ToString(value!.Value, 8));
}

/// <summary>A ulimit: one number for both limits, or <c>soft</c> and <c>hard</c>.</summary>
internal sealed class UlimitConverter : JsonConverter<ComposeUlimit>
{
    public override ComposeUlimit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var text = YamlBooleanConverter.Text(ref reader);
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var single)
                ? new ComposeUlimit { Single = single }
                : throw new JsonException($"'{text}' is not a limit: use a number, or soft and hard.");
        }
        var limits = JsonSerializer.Deserialize<Dictionary<string, long>>(ref reader, options)!;
        return limits.Keys.All(k => k is "soft" or "hard") && limits.Count == 2
            ? new ComposeUlimit { Soft = limits["soft"], Hard = limits["hard"] }
            : throw new JsonException("A ulimit takes both soft and hard, and nothing else.");
    }

    public override void Write(Utf8JsonWriter writer, ComposeUlimit value, JsonSerializerOptions options)
    {
        if (value.Single is { } single)
        {
            writer.WriteNumberValue(single);
            return;
        }
        writer.WriteStartObject();
        writer.WriteNumber("soft", value.Soft!.Value);
        writer.WriteNumber("hard", value.Hard!.Value);
        writer.WriteEndObject();
    }
}
