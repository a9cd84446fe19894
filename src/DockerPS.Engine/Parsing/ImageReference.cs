using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>
/// An image name with an optional tag, <c>[registry[:port]/]path[:tag]</c>, checked against the grammar of the
/// docker CLI's reference parser: lowercase path components joined by <c>.</c>, <c>_</c>, <c>__</c> or dashes,
/// tags of up to 128 word characters, dots and dashes. Bad text throws <see cref="FormatException"/>.
/// </summary>
public sealed partial record ImageReference(string Repository, string? Tag)
{
    private const int MaxNameLength = 255;

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex("^[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>A name with an optional <c>:tag</c>; digests (<c>@sha256:…</c>) are not taken.</summary>
    public static ImageReference Parse(string text)
    {
        var trimmed = text.Trim();
        // The tag's colon is the last one after the last slash; an earlier colon is a registry port.
        var colon = trimmed.LastIndexOf(':');
        var (name, tag) = colon > trimmed.LastIndexOf('/') ? (trimmed[..colon], trimmed[(colon + 1)..]) : (trimmed, null);
        if (name.Length > MaxNameLength || !NamePattern().IsMatch(name) || IdPattern().IsMatch(name))
        {
            throw new FormatException($"'{text}' is not a valid image name: use lowercase letters, digits and separators (. _ __ -), optionally after a registry host, e.g. registry:5000/team/app:v1.");
        }
        return new ImageReference(name, tag is null ? null : ParseTag(tag));
    }

    /// <summary>A tag alone.</summary>
    public static string ParseTag(string text)
    {
        if (!TagPattern().IsMatch(text))
        {
            throw new FormatException($"'{text}' is not a valid tag: use up to 128 letters, digits, underscores, dots and dashes, not starting with a dot or dash.");
        }
        return text;
    }

    public override string ToString() => Tag is null ? Repository : $"{Repository}:{Tag}";
}
