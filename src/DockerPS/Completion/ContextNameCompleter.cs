using System.Collections;
using System.Management.Automation.Language;
using DockerPS.Connection;

namespace DockerPS.Completion;

/// <summary>Docker context names from the docker CLI's context store, plus <c>default</c>.</summary>
public sealed class ContextNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            var names = DockerCliConfig.FromEnvironment(Environment.GetEnvironmentVariable).ContextNames().Prepend(EndpointSpec.DefaultContextName);
            return EngineCompleter.Complete(names.ToArray(), wordToComplete);
        }
        catch (Exception e) when (e is DockerEngineException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
