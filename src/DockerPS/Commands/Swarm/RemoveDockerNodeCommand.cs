namespace DockerPS.Commands;

/// <summary>
/// <c>docker node rm</c>: removes nodes from the swarm by hostname (wildcards expanded by listing), id or id prefix, or
/// piped. A node that is not down stays unless -Force; an unknown one is NodeNotFound; the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerNode", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerNodeCommand : NodeCmdlet
{
    /// <summary>Removes a node that is still up too (<c>docker node rm --force</c>); it keeps running as a swarm of its own.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessNode(string node)
    {
        if (ShouldProcess(node, "Remove node"))
        {
            Dispatch((engine, ct) => NodeOperations.RemoveAsync(engine, node, Force, ct));
        }
    }
}
