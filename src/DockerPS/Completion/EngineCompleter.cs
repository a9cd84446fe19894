using System.Collections;
using System.Management.Automation.Language;

namespace DockerPS.Completion;

/// <summary>
/// Completes names of engine objects from the engine the command line already names (-Context, -DockerHost),
/// through the cached connection; a slow or unreachable engine yields no completions rather than a hung Tab.
/// </summary>
public abstract class EngineCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IEnumerable<string> candidates;
        try
        {
            // With several contexts (-Context a,b) the first one's names are offered.
            var context = LanguagePrimitives.GetEnumerable(fakeBoundParameters["Context"])?.Cast<object>().FirstOrDefault() ?? fakeBoundParameters["Context"];
            var engine = DockerEngine.Resolve(context as string, fakeBoundParameters["DockerHost"] as string);
            using var budget = new CancellationTokenSource(Budget);
            // Engine calls never capture a synchronization context, so this wait cannot deadlock the pipeline thread.
            candidates = ListAsync(engine, budget.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is DockerEngineException or OperationCanceledException)
        {
            return [];
        }
        return Complete(candidates, wordToComplete);
    }

    protected abstract Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken);

    /// <summary>Candidates starting with the word typed so far (wildcards allowed), sorted and quoted where needed.</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string wordToComplete)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return candidates
            .Where(pattern.IsMatch)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
            .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c));
    }

    internal static string Quote(string value) =>
        value.IndexOfAny([' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', '@', '#', '|', '&', ',', '<', '>']) < 0
            ? value
            : "'" + value.Replace("'", "''") + "'";
}
