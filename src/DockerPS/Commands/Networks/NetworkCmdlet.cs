using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that act on existing networks, by name (wildcards allowed), id or id prefix, or piped; the loop is
/// <see cref="EngineObjectCmdlet"/>'s, and a cmdlet is one override, <see cref="ProcessNetwork"/>.
/// </summary>
public abstract class NetworkCmdlet : EngineObjectCmdlet
{
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkIdCompleter))]
    public string[]? Id { get; set; }

    protected sealed override EngineObjectNoun Noun => EngineObjectNoun.Network;

    protected sealed override IReadOnlyList<string>? Named => ParameterSetName == IdSet ? Id : Name;

    protected sealed override void ProcessObject(string name) => ProcessNetwork(name);

    /// <summary>Acts on one network, named as the engine resolves it.</summary>
    protected abstract void ProcessNetwork(string network);
}
