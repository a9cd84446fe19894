using DockerPS.Completion;
using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker stack ls</c>: the stacks on a swarm, found by their services' com.docker.stack.namespace label (so stacks
/// the docker CLI deployed too), each with its number of services.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerStack")]
[OutputType(typeof(SwarmStack))]
public sealed class GetDockerStackCommand : DockerCmdlet
{
    /// <summary>Only the stacks of these names (wildcards allowed); a name without wildcards that matches none is StackNotFound.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string[]? Name { get; set; }

    protected override object? TargetOfItem => Name;

    protected override void ProcessItem()
    {
        var engine = TargetEngine;
        var stacks = Await(ct => ComposeStack.ListAsync(engine, ct));
        if (Name is null)
        {
            WriteObject(stacks, enumerateCollection: true);
            return;
        }
        foreach (var name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var hits = stacks.Where(s => pattern.IsMatch(s.Name)).ToArray();
            if (hits.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(ErrorFor(ErrorCatalog.StackNotFound, new ItemNotFoundException($"No stack named '{name}' has services on engine {engine.Name}."), name));
            }
            WriteObject(hits, enumerateCollection: true);
        }
    }
}
