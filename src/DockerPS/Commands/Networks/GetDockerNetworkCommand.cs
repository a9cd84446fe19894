using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker network ls</c>, with PowerShell wildcards on names and ids and the engine's own filters; with -Detail,
/// <c>docker network inspect</c> of each, which adds the attached containers (the engine's list leaves them out, so
/// only -Detail pays one inspect per network).
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerNetwork", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Network))]
public sealed class GetDockerNetworkCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only networks of these drivers (bridge, host, null, overlay, …).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Driver { get; set; }

    /// <summary>Inspects each network, which fills in its attached containers.</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void AddFilters(FilterSet filters)
    {
        foreach (var driver in Driver ?? [])
        {
            filters.Add("driver", driver);
        }
    }

    protected override void ProcessItem()
    {
        if (List(NetworkOperations.ListAsync) is not { } networks)
        {
            return;
        }
        var matches = ParameterSetName == IdSet
            ? Matching(networks, Id, (n, id) => Like(n.Id, id.TrimEnd('*') + "*"), EngineObjectNoun.Network)
            : Matching(networks, Name, (n, name) => Like(n.Name, name), EngineObjectNoun.Network);
        WriteObject(Detail ? Await(ct => NetworkOperations.InspectManyAsync(TargetEngine, matches.Select(n => n.Id).ToArray(), ct)) : matches,
            enumerateCollection: true);
    }
}
