using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// What Connect- and Disconnect-DockerNetwork share: one network named by -Network (position 0, as in
/// <c>docker network connect NETWORK CONTAINER</c>) and the containers as the other container cmdlets take them
/// (position 1, or piped: anything with a Name or Id binds as a container, so pipe containers, not networks).
/// An unknown network is NetworkNotFound for each container, an unknown container ContainerNotFound.
/// </summary>
public abstract class NetworkAttachmentCmdlet : ContainerCmdlet
{
    private readonly Dictionary<DockerEngine, string?> _networkIds = new(ReferenceEqualityComparer.Instance);

    /// <summary>The network's name, id or id prefix.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string Network { get; set; } = null!;

    /// <summary>Container names (wildcards allowed), ids or id prefixes.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public override string[]? Name { get; set; }

    /// <summary>Writes each container after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>What ShouldProcess says it does to each container.</summary>
    protected abstract string Action { get; }

    /// <summary>Connects or disconnects the container.</summary>
    protected abstract Task ChangeAsync(string networkId, string container, CancellationToken cancellationToken);

    protected sealed override void ProcessContainer(string container)
    {
        if (NetworkId() is not { } networkId)
        {
            WriteNotFound(EngineObjectNoun.Network, Network);
            return;
        }
        if (!ShouldProcess(container, Action))
        {
            return;
        }
        Await(ct => ChangeAsync(networkId, container, ct));
        if (PassThru)
        {
            WriteDetail(container);
        }
    }

    /// <summary>
    /// The network's id on the current engine, or null when the engine does not know it; looked up once per engine,
    /// and first, because the engine records a stopped container's connection to a network that does not exist.
    /// </summary>
    private string? NetworkId()
    {
        var engine = TargetEngine;
        if (!_networkIds.TryGetValue(engine, out var id))
        {
            try
            {
                id = Await(ct => NetworkOperations.InspectAsync(engine, Network, ct)).Id;
            }
            catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
            {
                id = null;
            }
            _networkIds[engine] = id;
        }
        return id;
    }
}
