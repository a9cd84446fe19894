using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that act on swarm nodes, by hostname (wildcards allowed), id or id prefix, or piped; the loop is
/// <see cref="EngineObjectCmdlet"/>'s, and a cmdlet is one override, <see cref="ProcessNode"/>. The engine is a manager.
/// </summary>
public abstract class NodeCmdlet : EngineObjectCmdlet
{
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Hostname")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? Id { get; set; }

    protected sealed override EngineObjectNoun Noun => EngineObjectNoun.Node;

    protected sealed override IReadOnlyList<string>? Named => ParameterSetName == IdSet ? Id : Name;

    protected sealed override void ProcessObject(string name) => ProcessNode(name);

    /// <summary>Acts on one node, named as the engine resolves it.</summary>
    protected abstract void ProcessNode(string node);
}
