using System.Text;
using System.Text.RegularExpressions;
using DockerPS.Archive;

namespace DockerPS.Build;

/// <summary>
/// .dockerignore as the docker CLI applies it to a classic build's context: the file read as moby/patternmatcher's
/// ignorefile.ReadAll reads it, paths matched as patternmatcher matches them during moby's archive walk
/// (MatchesUsingParentResults), and excluded directories pruned as that walk prunes them. Hand-written: no .NET
/// library implements these rules (gitignore matchers differ: there `*` and a bare name match at any depth, and
/// nothing under an excluded directory can be re-included). Unix rules only: '/' separates, '\' escapes.
/// </summary>
public sealed class DockerIgnore
{
    private readonly Pattern[] _patterns;

    /// <summary>Patterns as patternmatcher.New takes them (trimmed, cleaned, '!' for an exception); blank ones are dropped.</summary>
    public DockerIgnore(IEnumerable<string> patterns)
    {
        _patterns = patterns.Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => new Pattern(PosixPath.Clean(p))).ToArray();
    }

    /// <summary>
    /// The patterns of a .dockerignore file: a UTF-8 BOM dropped, lines starting with '#' (before trimming) skipped,
    /// lines trimmed and blank ones skipped, each pattern cleaned and a leading '/' dropped, keeping a leading '!'.
    /// </summary>
    public static IReadOnlyList<string> ReadAll(byte[] file)
    {
        var patterns = new List<string>();
        foreach (var raw in Encoding.UTF8.GetString(file).TrimStart('\uFEFF').Split('\n'))
        {
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.StartsWith('#') || line.Trim() is not { Length: > 0 } pattern)
            {
                continue;
            }
            var exception = pattern[0] == '!';
            if (exception)
            {
                pattern = pattern[1..].Trim();
            }
            if (pattern.Length > 0)
            {
                pattern = PosixPath.Clean(pattern);
                pattern = pattern.Length > 1 && pattern[0] == '/' ? pattern[1..] : pattern;
            }
            patterns.Add(exception ? "!" + pattern : pattern);
        }
        return patterns;
    }

    /// <summary>Whether the rules exclude <paramref name="path"/> (slash-separated, relative), itself or through a parent directory.</summary>
    public bool Excludes(string path) => Match(path, null).Excluded;

    /// <summary>
    /// A filter for one <see cref="ArchiveSource.Scan"/> of the context: excluded items are left out, and an excluded
    /// directory is not even read unless an exception's text starts with its path (moby's rule: an exception such as
    /// <c>!*/keep</c> does not keep <c>dir</c> open).
    /// </summary>
    public Func<string, bool, ArchiveChoice> Filter()
    {
        // The walk's open directories, innermost first, with the patterns each matched: a child starts from its parent's.
        var open = new Stack<(string Directory, bool[] Matched)>();
        return (name, isDirectory) =>
        {
            while (open.Count > 0 && !name.StartsWith(open.Peek().Directory + "/", StringComparison.Ordinal))
            {
                open.Pop();
            }
            var (excluded, matched) = Match(name, open.Count > 0 ? open.Peek().Matched : null);
            if (isDirectory)
            {
                open.Push((name, matched));
            }
            if (!excluded)
            {
                return ArchiveChoice.Include;
            }
            var under = name + "/";
            return isDirectory && _patterns.Any(p => p.IsException && (p.Text + "/").StartsWith(under, StringComparison.Ordinal))
                ? ArchiveChoice.Omit : ArchiveChoice.Prune;
        };
    }

    /// <summary>
    /// Later patterns win; a pattern is only tried when it could change the outcome so far. Which patterns matched is
    /// passed down to a directory's children: without it (<paramref name="parent"/> null) a pattern matching any parent
    /// directory counts as matching, with it only the parent's own result does.
    /// </summary>
    private (bool Excluded, bool[] Matched) Match(string path, bool[]? parent)
    {
        var matched = new bool[_patterns.Length];
        var excluded = false;
        for (var i = 0; i < _patterns.Length; i++)
        {
            var pattern = _patterns[i];
            var match = parent?[i] ?? false;
            if (!match)
            {
                if (pattern.IsException != excluded)
                {
                    continue;
                }
                match = pattern.IsMatch(path) || (parent is null && Parents(path).Any(pattern.IsMatch));
            }
            matched[i] = match;
            if (match)
            {
                excluded = !pattern.IsException;
            }
        }
        return (excluded, matched);
    }

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    /// <summary>
    /// One pattern, matched the way patternmatcher compiles it: a plain name exactly, <c>x**</c> as a prefix, <c>**x</c>
    /// (nothing else special after it) as a suffix, anything else as a regular expression in which <c>*</c> and
    /// <c>?</c> stay within one path element, <c>**</c> spans elements, and classes and escapes pass through.
    /// </summary>
    private sealed class Pattern
    {
        private readonly Kind _kind;
        private readonly Regex? _regex;

        public Pattern(string pattern)
        {
            IsException = pattern[0] == '!';
            if (IsException && pattern.Length == 1)
            {
                throw new DockerIgnoreException("The .dockerignore pattern '!' excepts nothing.", pattern);
            }
            Text = IsException ? pattern[1..] : pattern;
            if (!IsValidGlob(Text))
            {
                throw new DockerIgnoreException($"The .dockerignore pattern '{pattern}' is not valid: syntax error in pattern.", pattern);
            }
            var regex = new StringBuilder("^");
            _kind = Kind.Exact;
            for (int step = 0, at = 0; at < Text.Length; step++)
            {
                var c = Text[at++];
                if (c == '*' && at < Text.Length && Text[at] == '*')
                {
                    at++;
                    if (at < Text.Length && Text[at] == '/')
                    {
                        at++;
                    }
                    if (at < Text.Length)
                    {
                        regex.Append("(.*/)?");
                        _kind = Kind.Regex;
                    }
                    else if (_kind == Kind.Exact)
                    {
                        _kind = Kind.Prefix;
                    }
                    else
                    {
                        regex.Append(".*");
                        _kind = Kind.Regex;
                    }
                    if (step == 0)
                    {
                        _kind = Kind.Suffix;
                    }
                }
                else if (c is '*' or '?')
                {
                    regex.Append(c == '*' ? "[^/]*" : "[^/]");
                    _kind = Kind.Regex;
                }
                else if (c is '.' or '+' or '(' or ')' or '|' or '{' or '}' or '$')
                {
                    regex.Append('\\').Append(c);
                }
                else if (c == '\\')
                {
                    // Never the last character: the glob syntax check refused that.
                    regex.Append('\\').Append(Text[at++]);
                    _kind = Kind.Regex;
                }
                else
                {
                    regex.Append(c);
                    _kind = c is '[' or ']' ? Kind.Regex : _kind;
                }
            }
            if (_kind == Kind.Regex)
            {
                try
                {
                    _regex = new Regex(regex.Append(@"\z").ToString(), RegexOptions.CultureInvariant);
                }
                catch (ArgumentException)
                {
                    throw new DockerIgnoreException($"The .dockerignore pattern '{pattern}' is not valid: syntax error in pattern.", pattern);
                }
            }
        }

        private enum Kind { Exact, Prefix, Suffix, Regex }

        /// <summary>The cleaned pattern without its '!'.</summary>
        public string Text { get; }

        public bool IsException { get; }

        public bool IsMatch(string path) => _kind switch
        {
            Kind.Exact => path == Text,
            Kind.Prefix => path.StartsWith(Text[..^2], StringComparison.Ordinal),
            // "**/x" matches "x" itself too.
            Kind.Suffix => path.EndsWith(Text[2..], StringComparison.Ordinal) || (Text[2] == '/' && path == Text[3..]),
            _ => _regex!.IsMatch(path),
        };

        /// <summary>
        /// Go's filepath.Match syntax, which the CLI checks first: '\' escapes one character, and a class is '['
        /// with an optional '^', then one or more characters or ranges ('-' and ']' only escaped), then ']'.
        /// </summary>
        private static bool IsValidGlob(string glob)
        {
            for (var at = 0; at < glob.Length;)
            {
                var c = glob[at++];
                if (c == '\\' && at++ == glob.Length)
                {
                    return false;
                }
                if (c != '[')
                {
                    continue;
                }
                if (at < glob.Length && glob[at] == '^')
                {
                    at++;
                }
                for (var ranges = 0; !(ranges > 0 && at < glob.Length && glob[at] == ']'); ranges++)
                {
                    if (!ClassCharacter(glob, ref at))
                    {
                        return false;
                    }
                    if (glob[at] == '-')
                    {
                        at++;
                        if (!ClassCharacter(glob, ref at))
                        {
                            return false;
                        }
                    }
                }
                at++;
            }
            return true;
        }

        /// <summary>One character of a class, maybe escaped; the class must go on after it.</summary>
        private static bool ClassCharacter(string glob, ref int at)
        {
            if (at == glob.Length || glob[at] is '-' or ']' || (glob[at] == '\\' && ++at == glob.Length))
            {
                return false;
            }
            at += char.IsHighSurrogate(glob[at]) && at + 1 < glob.Length ? 2 : 1;
            return at < glob.Length;
        }
    }
}
