namespace DockerPS.Parsing;

/// <summary>
/// The docker CLI's <c>--env-file</c> format: one <c>NAME=value</c> per line, taken literally (no quotes or
/// expansion); blank lines and lines starting with # are skipped; a bare <c>NAME</c> takes the variable from the
/// caller's environment and is left out when it is not set there. One entry is the same as <c>docker run -e</c> takes.
/// </summary>
public static class EnvFile
{
    public static IEnumerable<string> Parse(IEnumerable<string> lines, Func<string, string?> environment)
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimStart();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            string? entry;
            try
            {
                entry = Entry(line, environment);
            }
            catch (FormatException)
            {
                throw new FormatException($"Line {number} is not NAME=value: '{raw}'.");
            }
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// One <c>NAME=value</c>, as it is, or a bare <c>NAME</c> with the caller's value: null when the caller has no such
    /// variable (the container does not get it, as with <c>docker run -e NAME</c>).
    /// </summary>
    public static string? Entry(string text, Func<string, string?> environment)
    {
        var equals = text.IndexOf('=');
        var name = equals < 0 ? text.TrimEnd() : text[..equals];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"'{text}' is not NAME=value or NAME.");
        }
        return equals >= 0 ? text : environment(name) is { } value ? $"{name}={value}" : null;
    }
}
