using System.Buffers;
using System.Text;

namespace DockerPS.Compose;

/// <summary>
/// The <c>.env</c> / <c>env_file</c> format of compose (compose-go's dotenv): <c>[export ]NAME=value</c> or
/// <c>NAME: value</c>, blank lines and <c>#</c> comments. An unquoted value runs to the end of the line, loses a
/// <c> #</c> comment and surrounding blanks, and is interpolated; a single-quoted one is literal (only <c>\'</c> is an
/// escape); a double-quoted one takes <c>\n \t \r \a \b \f \v \\ \" \$</c> and octal <c>\0ddd</c> escapes, then is
/// interpolated. Quoted values may span lines. A bare <c>NAME</c> takes the variable's value from the lookup.
/// </summary>
public static class DotEnv
{
    /// <summary>
    /// Parses a .env / env_file text as compose does, in order. A value may refer to variables defined earlier in the
    /// same file or to <paramref name="lookup"/>, which wins (as in compose); a bare <c>NAME</c> that neither knows is left
    /// out, so no value is null. Throws <see cref="FormatException"/> naming the line number
    /// (<see cref="ComposeInterpolationException"/> for a value that cannot be interpolated).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Parse(string text, Func<string, string?> lookup)
    {
        var entries = new List<KeyValuePair<string, string?>>();
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Resolve(string name) => lookup(name) ?? defined.GetValueOrDefault(name);

        var at = text.StartsWith('\uFEFF') ? 1 : 0;
        while (true)
        {
            at = StatementStart(text, at);
            if (at == text.Length)
            {
                return entries;
            }
            var statement = at;
            if (text.AsSpan(at).StartsWith("export") && at + 6 < text.Length && IsBlank(text[at + 6]))
            {
                at = SkipBlanks(text, at + 6);
            }
            var nameStart = at;
            while (at < text.Length && text[at] is not ('=' or ':' or '\n'))
            {
                if (!IsBlank(text[at]) && !IsNameChar(text, at))
                {
                    throw Invalid(text, statement, $"unexpected character '{text[at]}' in variable name '{FirstLine(text, statement)}'");
                }
                at += char.IsSurrogatePair(text, at) ? 2 : 1;
            }
            var name = text[nameStart..at].TrimEnd();
            if (name.Any(IsBlank))
            {
                throw Invalid(text, statement, "a variable name cannot contain a space");
            }
            if (at == text.Length || text[at] == '\n')
            {
                if (name.Length > 0 && Resolve(name) is { } inherited)
                {
                    entries.Add(new(name, inherited));
                }
                continue;
            }
            if (name.Length == 0)
            {
                throw Invalid(text, statement, $"no variable name before '{text[at]}'");
            }
            at = SkipBlanks(text, at + 1);
            string value;
            try
            {
                value = at < text.Length && text[at] is '"' or '\'' ? Quoted(text, statement, ref at, Resolve) : Unquoted(text, ref at, Resolve);
            }
            catch (ComposeInterpolationException e)
            {
                throw new ComposeInterpolationException($"Line {LineOf(text, statement)}: {e.Message}", e.Variable);
            }
            entries.Add(new(name, value));
            defined[name] = value;
        }
    }

    /// <summary>Skips blank space, line breaks and comment lines; returns where the next statement starts.</summary>
    private static int StatementStart(string text, int at)
    {
        while (at < text.Length)
        {
            if (char.IsWhiteSpace(text[at]))
            {
                at++;
            }
            else if (text[at] == '#')
            {
                var lineEnd = text.IndexOf('\n', at);
                at = lineEnd < 0 ? text.Length : lineEnd;
            }
            else
            {
                break;
            }
        }
        return at;
    }

    /// <summary>An unquoted value: to the end of the line, without a <c> #</c> comment and trailing blanks.</summary>
    private static string Unquoted(string text, ref int at, Func<string, string?> resolve)
    {
        var lineEnd = text.IndexOf('\n', at);
        var end = lineEnd < 0 ? text.Length : lineEnd;
        var value = text[at..end];
        at = end;
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return ComposeInterpolation.Interpolate((comment < 0 ? value : value[..comment]).TrimEnd(), resolve);
    }

    /// <summary>
    /// A quoted value, <paramref name="at"/> on its opening quote, left after its closing one: whatever follows on
    /// the line is read as the next statement, as compose does.
    /// </summary>
    private static string Quoted(string text, int statement, ref int at, Func<string, string?> resolve)
    {
        var quote = text[at];
        var value = new StringBuilder();
        for (var i = at + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == quote)
            {
                at = i + 1;
                return quote == '\'' ? value.ToString() : ComposeInterpolation.Interpolate(value.ToString(), resolve);
            }
            if (c != '\\' || i + 1 == text.Length)
            {
                value.Append(c);
                continue;
            }
            var escaped = text[++i];
            if (escaped == quote)
            {
                value.Append(quote);
            }
            else if (quote == '\'')
            {
                value.Append('\\').Append(escaped);
            }
            else
            {
                i = Escape(text, i, value);
            }
        }
        throw Invalid(text, statement, $"unterminated quoted value {FirstLine(text, at)}");
    }

    /// <summary>
    /// Appends what the escape whose letter is at <paramref name="i"/> in a double-quoted value stands for; returns the
    /// escape's last index. <c>\$</c> becomes <c>$$</c> so that interpolation leaves a literal <c>$</c>. compose-go reads
    /// <c>\0</c> and up to three digits as octal and, when they are not exactly three octal digits up to 377, keeps
    /// them without the 0 (<c>\012</c> gives <c>\12</c>). Unknown escapes stay as they are.
    /// </summary>
    private static int Escape(string text, int i, StringBuilder value)
    {
        switch (text[i])
        {
            case 'a': value.Append('\a'); return i;
            case 'b': value.Append('\b'); return i;
            case 'f': value.Append('\f'); return i;
            case 'n': value.Append('\n'); return i;
            case 'r': value.Append('\r'); return i;
            case 't': value.Append('\t'); return i;
            case 'v': value.Append('\v'); return i;
            case '\\': value.Append('\\'); return i;
            case '$': value.Append("$$"); return i;
            case '0':
                var end = i + 1;
                while (end < text.Length && end <= i + 3 && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
                var digits = text[(i + 1)..end];
                if (digits.Length == 3 && digits.All(d => d < '8') && Convert.ToInt32(digits, 8) is var code and <= 0xFF)
                {
                    value.Append((char)code);
                }
                else
                {
                    value.Append('\\').Append(digits);
                }
                return end - 1;
            default: value.Append('\\').Append(text[i]); return i;
        }
    }

    /// <summary>Letters, digits and <c>_ . - [ ]</c> make a variable name.</summary>
    private static bool IsNameChar(string text, int at) =>
        text[at] is '_' or '.' or '-' or '[' or ']'
        || Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out _) == OperationStatus.Done && (Rune.IsLetter(rune) || Rune.IsNumber(rune));

    private static int SkipBlanks(string text, int at)
    {
        while (at < text.Length && IsBlank(text[at]))
        {
            at++;
        }
        return at;
    }

    /// <summary>Blank space within a line (compose-go's list; a line break is not blank).</summary>
    private static bool IsBlank(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r' or '\u0085' or '\u00A0';

    private static string FirstLine(string text, int at)
    {
        var lineEnd = text.IndexOf('\n', at);
        return (lineEnd < 0 ? text[at..] : text[at..lineEnd]).TrimEnd('\r');
    }

    private static int LineOf(string text, int at) => text.AsSpan(0, at).Count('\n') + 1;

    private static FormatException Invalid(string text, int at, string problem) => new($"Line {LineOf(text, at)}: {problem}.");
}
