namespace DockerPS.Parsing;

/// <summary>
/// The docker CLI's <c>--env-file</c> format: one <c>NAME=value</c> per line, taken literally (no quotes or
/// expansion); blank lines and lines starting with # are skipped; a bare <c>NAME</c> takes the variable from the
/// caller's environment and is left out when it is not set there.
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
            var equals = line.IndexOf('=');
            var name = equals < 0 ? line.TrimEnd() : line[..equals];
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            {
                throw new FormatException($"Line {number} is not NAME=value: '{raw}'.");
            }
            if (equals >= 0)
            {
                yield return line;
            }
            else if (environment(name) is { } value)
            {
                yield return $"{name}={value}";
            }
        }
    }
}
