using DockerPS.Completion;
using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker stack rm</c>: removes a stack's services, then its secrets, configs and networks, all found by the stack's
/// com.docker.stack.namespace label. Writes each removal; a stack of which the swarm has nothing is StackNotFound.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerStack", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ComposeChange))]
public sealed class RemoveDockerStackCommand : DockerCmdlet
{
    /// <summary>The stacks to remove (<c>docker stack rm STACK</c>); SwarmStack objects bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(StackNameCompleter))]
    public string[] Name { get; set; } = null!;

    protected override object? TargetOfItem => Name;

    protected override void ProcessItem()
    {
        var engine = TargetEngine;
        foreach (var stack in Name)
        {
            var changes = Await(ct => ComposeStack.PlanRemoveAsync(engine, stack, ct));
            if (changes.Count == 0)
            {
                WriteError(ErrorFor(ErrorCatalog.StackNotFound, new ItemNotFoundException($"Nothing found in stack {stack} on engine {engine.Name}."), stack));
            }
            foreach (var change in changes.Where(c => ShouldProcess(c.Name, $"Remove {c.Kind.ToLowerInvariant()} of stack {stack}")))
            {
                try
                {
                    Await(ct => ComposeStack.ApplyRemoveAsync(engine, change, ct));
                    WriteObject(change);
                }
                catch (DockerPSException e)
                {
                    // As the docker CLI, what can be removed is, whatever else fails.
                    WriteError(ErrorFor(e, change.Name));
                }
            }
        }
    }
}
