using DockerPS.Completion;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context ls</c> / <c>docker context inspect</c>: the built-in <c>default</c> context and the contexts in the
/// docker CLI's store, by name with wildcards, the current one marked, each with the engine it names.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerContext")]
[OutputType(typeof(DockerContext))]
public sealed class GetDockerContextCommand : PSCmdlet
{

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string[]? Name { get; set; }

    protected override void BeginProcessing() => DockerCmdlet.WarnOfUnreadableConfig(this);

    protected override void ProcessRecord()
    {
        IReadOnlyList<DockerContext> contexts;
        try
        {
            contexts = ContextStore.List();
        }
        catch (DockerEngineException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, Name));
            return;
        }
        if (Name is null)
        {
            WriteObject(contexts, enumerateCollection: true);
            return;
        }
        var written = new HashSet<DockerContext>();
        foreach (var pattern in Name)
        {
            var wildcard = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
            var hits = contexts.Where(c => wildcard.IsMatch(c.Name)).ToArray();
            if (hits.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(pattern))
            {
                WriteError(NotFound(pattern));
            }
            WriteObject(hits.Where(written.Add), enumerateCollection: true);
        }
    }

    private static ErrorRecord NotFound(string name) => DockerCmdlet.ErrorFor(ErrorCatalog.ContextNotFound,
        new ItemNotFoundException($"No docker context is named '{name}' (see Get-DockerContext)."), name);
}
