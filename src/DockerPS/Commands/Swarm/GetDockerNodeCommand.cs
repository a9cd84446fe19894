using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker node ls</c> and <c>docker node inspect</c> (the list has every field): the swarm's nodes, asked of a
/// manager, with PowerShell wildcards on hostnames and ids and the engine's own filters.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerNode", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Node))]
public sealed class GetDockerNodeCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Hostname")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NodeIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only managers or only workers.</summary>
    [Parameter]
    [ValidateSet("manager", "worker")]
    public string? Role { get; set; }

    /// <summary>Only nodes accepted into the swarm, or only those waiting to be.</summary>
    [Parameter]
    [ValidateSet("accepted", "pending")]
    public string? Membership { get; set; }

    /// <summary>-Label matches the nodes' own labels (Set-DockerNode -Label), as <c>--filter node.label=</c>.</summary>
    protected override string LabelFilter => "node.label";

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void AddFilters(FilterSet filters)
    {
        if (Role is not null)
        {
            filters.Add("role", Role);
        }
        if (Membership is not null)
        {
            filters.Add("membership", Membership);
        }
    }

    protected override void ProcessItem()
    {
        if (List(NodeOperations.ListAsync) is not { } nodes)
        {
            return;
        }
        var matches = ParameterSetName == IdSet
            ? Matching(nodes, Id, (n, id) => Like(n.Id, id.TrimEnd('*') + "*"), EngineObjectNoun.Node)
            : Matching(nodes, Name, (n, name) => Like(n.Hostname, name), EngineObjectNoun.Node);
        WriteObject(matches, enumerateCollection: true);
    }
}
