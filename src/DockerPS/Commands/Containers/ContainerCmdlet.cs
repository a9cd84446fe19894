using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that act on existing containers, by name (wildcards allowed), id or id prefix, or piped; the loop is
/// <see cref="EngineObjectCmdlet"/>'s, and a cmdlet is one override, <see cref="ProcessContainer"/>.
/// </summary>
public abstract class ContainerCmdlet : EngineObjectCmdlet
{
    /// <summary>Container names (wildcards allowed), ids or id prefixes. A cmdlet that acts on some containers when none is
    /// named overrides it without Mandatory, and <see cref="EngineObjectCmdlet.Unnamed"/>.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public virtual string[]? Name { get; set; }

    /// <summary>Container ids or unique id prefixes.</summary>
    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[]? Id { get; set; }

    protected sealed override EngineObjectNoun Noun => EngineObjectNoun.Container;

    protected sealed override IReadOnlyList<string>? Named => ParameterSetName == IdSet ? Id : Name;

    protected sealed override void ProcessObject(string name) => ProcessContainer(name);

    /// <summary>Acts on one container, named as the engine resolves it.</summary>
    protected abstract void ProcessContainer(string container);

    /// <summary>The container as it is now, for -PassThru.</summary>
    protected void WriteDetail(string container) =>
        WriteObject(Await(ct => ContainerOperations.InspectAsync(TargetEngine, container, ct)));
}
