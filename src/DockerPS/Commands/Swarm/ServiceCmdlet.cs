using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that act on swarm services, by name (wildcards allowed), id or id prefix, or piped; the loop is
/// <see cref="EngineObjectCmdlet"/>'s, and a cmdlet is one override, <see cref="ProcessService"/>. The engine is a manager.
/// </summary>
public abstract class ServiceCmdlet : EngineObjectCmdlet
{
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceIdCompleter))]
    public string[]? Id { get; set; }

    protected sealed override EngineObjectNoun Noun => EngineObjectNoun.Service;

    protected sealed override IReadOnlyList<string>? Named => ParameterSetName == IdSet ? Id : Name;

    protected sealed override void ProcessObject(string name) => ProcessService(name);

    /// <summary>Acts on one service, named as the engine resolves it.</summary>
    protected abstract void ProcessService(string service);
}
