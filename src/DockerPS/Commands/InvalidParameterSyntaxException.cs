namespace DockerPS.Commands;

/// <summary>
/// Parameter text in one of the docker CLI's syntaxes (sizes, CPUs, ports, volumes, restart policies, env files) that
/// does not parse: an Invalid&lt;Parameter&gt; error with the parser's message and the text as its target. Cmdlets parse
/// before any engine call; thrown from an item's work it is that item's error, and a cmdlet stops with it when the value
/// is the same for every input.
/// </summary>
internal sealed class InvalidParameterSyntaxException(string parameter, string text, Exception inner)
    : DockerPSException(ErrorCatalog.InvalidSyntax(parameter), inner.Message, inner, text)
{
    public static T Parse<T>(string parameter, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidParameterSyntaxException(parameter, text, e);
        }
    }

    /// <summary>A parameter's value when given (default otherwise), parsed.</summary>
    public static T? ParseOptional<T>(string parameter, string? text, Func<string, T> parse) => text is null ? default : Parse(parameter, text, parse);

    /// <summary>Each of a parameter's values, parsed (none when not given).</summary>
    public static IReadOnlyList<T> ParseEach<T>(string parameter, IEnumerable<string>? texts, Func<string, T> parse) =>
        (texts ?? []).Select(text => Parse(parameter, text, parse)).ToArray();
}
