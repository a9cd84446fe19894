using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker service ps</c> and <c>docker node ps</c>: the tasks of services (by name or id, or piped services), or of
/// nodes (by hostname or id, or piped nodes), with the engine's filters (desired state, name, label), newest first per
/// slot. An unknown service is ServiceNotFound, an unknown node NodeNotFound.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerServiceTask", DefaultParameterSetName = ServiceSet)]
[OutputType(typeof(SwarmTask))]
public sealed class GetDockerServiceTaskCommand : DockerListCmdlet
{
    private const string ServiceSet = "Service";
    private const string NodeSet = "Node";

    /// <summary>Services by name, id or id prefix; Service objects bind by their Name.</summary>
    [Parameter(ParameterSetName = ServiceSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string[] Service { get; set; } = null!;

    /// <summary>Nodes by hostname, id or id prefix; Node objects bind by their Hostname.</summary>
    [Parameter(ParameterSetName = NodeSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Hostname")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    public string[] Node { get; set; } = null!;

    /// <summary>Only tasks the swarm wants in this state (<c>--filter desired-state=</c>): running, shutdown or accepted.</summary>
    [Parameter]
    [ValidateSet("running", "shutdown", "accepted")]
    public string? DesiredState { get; set; }

    protected override object? TargetOfItem => ParameterSetName == NodeSet ? Node : Service;

    protected override void AddFilters(FilterSet filters)
    {
        if (DesiredState is not null)
        {
            filters.Add("desired-state", DesiredState);
        }
    }

    protected override void ProcessItem()
    {
        var (names, noun, filter) = ParameterSetName == NodeSet ? (Node, EngineObjectNoun.Node, "node") : (Service, EngineObjectNoun.Service, "service");
        foreach (var name in names)
        {
            // The engine's service and node filters take names and ids; an unknown service is a 404, an unknown node lists nothing.
            var filters = Filters().Add(filter, name);
            IReadOnlyList<SwarmTask>? tasks;
            try
            {
                tasks = AwaitOnEachEngine(async (engine, ct) =>
                {
                    try
                    {
                        var listed = await TaskOperations.ListAsync(engine, filters, ct).ConfigureAwait(false);
                        return listed.Count > 0 || await noun.ExistsAsync(engine, name, ct).ConfigureAwait(false) ? listed : null;
                    }
                    catch (DockerEngineException e) when (e.Code == ErrorCatalog.NotFound)
                    {
                        return null;
                    }
                }, name);
            }
            catch (DockerEngineException e) when (e.Code == ErrorCatalog.InvalidArgument)
            {
                WriteError(ErrorFor(e.As(ErrorCatalog.InvalidFilter), Filter));
                continue;
            }
            if (tasks is null)
            {
                WriteNotFound(noun, name);
                continue;
            }
            WriteObject(tasks, enumerateCollection: true);
        }
    }
}
