using System.Collections;
using System.Management.Automation.Language;
using DockerPS.Connection;
using DockerPS.Registry;

namespace DockerPS.Completion;

/// <summary>Registries the docker CLI's config.json keeps credentials or a helper for.</summary>
public sealed class RegistryCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return EngineCompleter.Complete(RegistryCredentials.StoredRegistries(DockerCliConfig.FromEnvironment(Environment.GetEnvironmentVariable)).ToArray(), wordToComplete);
        }
        catch (CredentialStoreException)
        {
            return [];
        }
    }
}
