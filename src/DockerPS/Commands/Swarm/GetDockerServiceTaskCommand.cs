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
        var (names, noun) = ParameterSetName == NodeSet ? (Node, EngineObjectNoun.Node) : (Service, EngineObjectNoun.Service);
        (IReadOnlyList<SwarmTask> Tasks, string[] Unknown) found;
        try
        {
            found = AwaitOnEachEngine((engine, ct) => ListAsync(engine, names, noun, ct), string.Join(',', names));
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.InvalidArgument)
        {
            WriteError(ErrorFor(e.As(ErrorCatalog.InvalidFilter), Filter));
            return;
        }
        foreach (var name in found.Unknown)
        {
            WriteNotFound(noun, name);
        }
        WriteObject(found.Tasks, enumerateCollection: true);
    }

    /// <summary>
    /// The tasks of every name in one list, as <c>docker service ps</c> asks for them (the engine's service and node filters
    /// take names and ids), and the names that name nothing. An unknown service makes the list a 404, when each name is
    /// listed alone; an unknown node lists nothing, so a name without tasks is asked about.
    /// </summary>
    private async Task<(IReadOnlyList<SwarmTask> Tasks, string[] Unknown)> ListAsync(DockerEngine engine, string[] names, EngineObjectNoun noun, CancellationToken ct)
    {
        var filters = Filters();
        foreach (var name in names)
        {
            filters.Add(noun == EngineObjectNoun.Node ? "node" : "service", name);
        }
        IReadOnlyList<SwarmTask> tasks;
        try
        {
            tasks = await TaskOperations.ListAsync(engine, filters, ct).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.NotFound)
        {
            if (names.Length == 1)
            {
                return ([], names);
            }
            var each = await Task.WhenAll(names.Select(name => ListAsync(engine, [name], noun, ct))).ConfigureAwait(false);
            return (each.SelectMany(e => e.Tasks).ToArray(), each.SelectMany(e => e.Unknown).ToArray());
        }
        var unknown = new List<string>();
        foreach (var name in names.Where(name => !tasks.Any(t => noun == EngineObjectNoun.Node
            ? t.Node == name || t.NodeId.StartsWith(name, StringComparison.Ordinal)
            : t.ServiceName == name || t.ServiceId.StartsWith(name, StringComparison.Ordinal))))
        {
            if (!await noun.ExistsAsync(engine, name, ct).ConfigureAwait(false))
            {
                unknown.Add(name);
            }
        }
        return (tasks, [.. unknown]);
    }
}
