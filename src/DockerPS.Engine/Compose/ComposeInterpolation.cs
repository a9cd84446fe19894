using System.Text;

namespace DockerPS.Compose;

/// <summary>
/// Variable substitution in the scalars of a compose file, as the Compose Specification and compose-go define it:
/// <c>$NAME</c>, <c>${NAME}</c>, <c>$$</c> for a literal <c>$</c>, and <c>${NAME</c> followed by <c>:-</c> / <c>-</c>
/// (default when empty or unset / unset), <c>:+</c> / <c>+</c> (alternative when set and not empty / set) or
/// <c>:?</c> / <c>?</c> (error when empty or unset / unset) and text that is itself interpolated, only when used.
/// A name is ASCII letters, digits and underscores, not starting with a digit; an unset variable is empty; a
/// <c>$</c> before anything else is literal, and a <c>${</c> that does not form one of these is an error.
/// </summary>
public static class ComposeInterpolation
{
    /// <summary>
    /// Substitutes variables in one scalar of a compose file as the Compose Specification / compose-go do.
    /// <paramref name="lookup"/> returns null for an unset variable. Throws <see cref="ComposeInterpolationException"/>.
    /// </summary>
    public static string Interpolate(string value, Func<string, string?> lookup) => Substitute(value, lookup, value);

    private static string Substitute(string text, Func<string, string?> lookup, string value)
    {
        var result = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var dollar = text.IndexOf('$', at);
            if (dollar < 0 || dollar == text.Length - 1)
            {
                result.Append(text, at, text.Length - at);
                break;
            }
            result.Append(text, at, dollar - at);
            var next = text[dollar + 1];
            if (next == '$')
            {
                result.Append('$');
                at = dollar + 2;
            }
            else if (next == '{')
            {
                at = Braced(text, dollar, lookup, value, result);
            }
            else if (IsNameStart(next))
            {
                var end = NameEnd(text, dollar + 1);
                result.Append(lookup(text[(dollar + 1)..end]));
                at = end;
            }
            else
            {
                result.Append('$');
                at = dollar + 1;
            }
        }
        return result.ToString();
    }

    /// <summary>Substitutes the <c>${…}</c> starting at <paramref name="dollar"/>; returns where the text goes on.</summary>
    private static int Braced(string text, int dollar, Func<string, string?> lookup, string value, StringBuilder result)
    {
        var start = dollar + 2;
        var nameEnd = start < text.Length && IsNameStart(text[start]) ? NameEnd(text, start) : start;
        if (nameEnd == start || nameEnd == text.Length)
        {
            throw Invalid(value);
        }
        var name = text[start..nameEnd];
        if (text[nameEnd] == '}')
        {
            result.Append(lookup(name));
            return nameEnd + 1;
        }
        var colon = text[nameEnd] == ':';
        var operatorAt = colon ? nameEnd + 1 : nameEnd;
        if (operatorAt == text.Length || text[operatorAt] is not ('-' or '+' or '?'))
        {
            throw Invalid(value);
        }
        var close = ClosingBrace(text, dollar, operatorAt + 1);
        if (close < 0)
        {
            throw Invalid(value);
        }
        var operand = text[(operatorAt + 1)..close];
        var current = lookup(name);
        var present = current is not null && (!colon || current.Length > 0);
        switch (text[operatorAt])
        {
            case '-':
                result.Append(present ? current : Substitute(operand, lookup, value));
                break;
            case '+':
                result.Append(present ? Substitute(operand, lookup, value) : string.Empty);
                break;
            default:
                if (!present)
                {
                    var reason = Substitute(operand, lookup, value);
                    throw new ComposeInterpolationException(
                        reason.Length > 0 ? $"required variable {name} is missing a value: {reason}" : $"required variable {name} is missing a value",
                        name);
                }
                result.Append(current);
                break;
        }
        return close + 1;
    }

    /// <summary>
    /// Where the operand that starts at <paramref name="from"/> ends. compose-go (a regular expression) takes the text up
    /// to the last <c>}</c> on the line, then cuts it at the brace that balances the <c>{</c> of <c>${</c>, counting
    /// every brace but not the character after each <c>{</c>; if none balances, the operand runs to that last <c>}</c>
    /// (so <c>${A:-{x}</c> defaults to <c>{x</c>). -1 when the line has no <c>}</c> after the operator.
    /// </summary>
    private static int ClosingBrace(string text, int dollar, int from)
    {
        var lineEnd = text.IndexOf('\n', from);
        var end = lineEnd < 0 ? text.Length : lineEnd;
        var last = text.LastIndexOf('}', end - 1, end - from);
        var depth = 1;
        for (var i = dollar + 3; i <= last; i++)
        {
            if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
            if (text[i] == '{')
            {
                depth++;
                i++;
            }
        }
        return last;
    }

    private static int NameEnd(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && (IsNameStart(text[end]) || char.IsAsciiDigit(text[end])))
        {
            end++;
        }
        return end;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static ComposeInterpolationException Invalid(string value) =>
        new($"Invalid interpolation format in \"{value}\": you may need to escape any $ with another $.");
}

/// <summary>A compose value that cannot be interpolated: invalid <c>${…}</c> syntax or a missing required variable.</summary>
public sealed class ComposeInterpolationException(string message, string? variable = null) : FormatException(message)
{
    /// <summary>The variable a <c>${VAR:?msg}</c> / <c>${VAR?msg}</c> required (null for a syntax error such as an unterminated <c>${</c>).</summary>
    public string? Variable { get; } = variable;
}
