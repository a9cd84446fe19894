using System.Collections;
using System.Management.Automation.Language;

namespace DockerPS.Completion;

/// <summary>
/// One side of a docker-style copy: container names followed by ':' (<c>CONTAINER:PATH</c>), then local paths.
/// Paths inside containers are not completed: that would take an engine call per directory level.
/// </summary>
public sealed class ContainerPathCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var word = wordToComplete.Trim('\'', '"');
        var files = CompletionCompleters.CompleteFilename(wordToComplete);
        if (word.IndexOfAny([':', '/', '\\', '~']) >= 0 || word.StartsWith('.'))
        {
            return files;
        }
        var containers = new ContainerNameCompleter().CompleteArgument(commandName, parameterName, word, commandAst, fakeBoundParameters)
            .Select(c => new CompletionResult(EngineCompleter.Quote(c.ListItemText + ":"), c.ListItemText + ":", CompletionResultType.ParameterValue, c.ToolTip));
        return containers.Concat(files).ToArray();
    }
}
