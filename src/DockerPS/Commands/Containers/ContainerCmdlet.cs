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

    /// <summary>
    /// A state change of one container, dispatched (see <see cref="EngineObjectCmdlet.Dispatch{T}"/>); with
    /// <paramref name="passThru"/> the container as it is afterwards is written. A change that reports false (nothing to
    /// do) writes <paramref name="unchanged"/> as a verbose line.
    /// </summary>
    protected void DispatchChange(string container, Func<DockerEngine, CancellationToken, Task<bool>> change, bool passThru, string? unchanged = null) =>
        Dispatch(async (engine, ct) => (Changed: await change(engine, ct).ConfigureAwait(false),
                Detail: passThru ? await ContainerOperations.InspectAsync(engine, container, ct).ConfigureAwait(false) : null),
            done =>
            {
                if (!done.Changed && unchanged is not null)
                {
                    WriteVerbose(unchanged);
                }
                if (done.Detail is not null)
                {
                    WriteObject(done.Detail);
                }
            });

    /// <inheritdoc cref="DispatchChange(string, Func{DockerEngine, CancellationToken, Task{bool}}, bool, string?)"/>
    protected void DispatchChange(string container, Func<DockerEngine, CancellationToken, Task> change, bool passThru) =>
        DispatchChange(container, Done(change), passThru);

    /// <summary>The container as it is now, for -PassThru.</summary>
    protected void WriteDetail(string container) =>
        WriteObject(Await(ct => ContainerOperations.InspectAsync(TargetEngine, container, ct)));
}
