using System.Collections;
using System.Management.Automation.Language;

namespace DockerPS.Completion;

/// <summary>The restart policies <c>--restart</c> takes.</summary>
public sealed class RestartPolicyCompleter : IArgumentCompleter
{
    private static readonly string[] Policies = ["no", "always", "unless-stopped", "on-failure", "on-failure:3"];

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) => EngineCompleter.Complete(Policies, wordToComplete);
}
