using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>
/// The images a Dockerfile's FROM lines and <c>COPY --from</c> flags name, so that a build can be given credentials for
/// their registries: ARG values declared before the first FROM (build args overriding their defaults) filled in, earlier
/// stages (by name or index), <c>scratch</c> and names that stay unresolved left out. Other instructions are not read.
/// </summary>
public static partial class DockerfileBaseImages
{
    [GeneratedRegex(@"\$\{(\w+)\}|\$(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();

    public static IReadOnlyList<string> Find(string dockerfile, IReadOnlyDictionary<string, string?> buildArgs)
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "scratch" };
        var images = new List<string>();
        var seenFrom = false;
        foreach (var instruction in Instructions(dockerfile))
        {
            var words = instruction.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words[0].Equals("ARG", StringComparison.OrdinalIgnoreCase) && !seenFrom)
            {
                foreach (var declaration in words.Skip(1))
                {
                    var (name, value) = declaration.Split('=', 2) is [var n, var v] ? (n, v.Trim('"', '\'')) : (declaration, null);
                    if ((buildArgs.TryGetValue(name, out var given) ? given ?? value : value) is { } resolved)
                    {
                        args[name] = resolved;
                    }
                }
            }
            else if (words[0].Equals("FROM", StringComparison.OrdinalIgnoreCase))
            {
                seenFrom = true;
                var operands = words.Skip(1).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                if (operands.Length == 0)
                {
                    continue;
                }
                Add(operands[0]);
                if (operands is [_, var keyword, var stage] && keyword.Equals("AS", StringComparison.OrdinalIgnoreCase))
                {
                    stages.Add(stage);
                }
            }
            else if (words[0].Equals("COPY", StringComparison.OrdinalIgnoreCase)
                && words.Skip(1).TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).FirstOrDefault(w => w.StartsWith(CopyFrom, StringComparison.OrdinalIgnoreCase)) is { } from
                && !from[CopyFrom.Length..].All(char.IsAsciiDigit))
            {
                // COPY --from=<image> pulls the image as a FROM does; a stage's name or index is no image.
                Add(from[CopyFrom.Length..]);
            }
        }
        return images;

        void Add(string name)
        {
            var image = VariablePattern().Replace(name, m => args.GetValueOrDefault(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, m.Value));
            if (image.Length > 0 && !image.Contains('$') && !stages.Contains(image) && !images.Contains(image))
            {
                images.Add(image);
            }
        }
    }

    private const string CopyFrom = "--from=";

    /// <summary>The instructions, continuation lines joined and comment lines dropped, as the Dockerfile parser reads them.</summary>
    private static IEnumerable<string> Instructions(string dockerfile)
    {
        var current = "";
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.StartsWith('#') || (line.Length == 0 && current.Length == 0))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            if (current.Trim().Length > 0)
            {
                yield return current.Trim();
            }
            current = "";
        }
        if (current.Trim().Length > 0)
        {
            yield return current.Trim();
        }
    }
}
