using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker ps -a</c>, with PowerShell wildcards on names and ids and the engine's own filters; with -Detail,
/// <c>docker container inspect</c> of each.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerContainer", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Container), typeof(ContainerDetail))]
public sealed class GetDockerContainerCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[]? Id { get; set; }

    [Parameter]
    [ValidateSet("created", "restarting", "running", "removing", "paused", "exited", "dead")]
    public string[]? Status { get; set; }

    /// <summary>Writes the full <c>docker container inspect</c> view of each container instead of the list entry.</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void AddFilters(FilterSet filters)
    {
        foreach (var status in Status ?? [])
        {
            filters.Add("status", status);
        }
    }

    protected override void ProcessItem()
    {
        if (List(ContainerOperations.ListAsync) is not { } containers)
        {
            return;
        }
        var matches = ParameterSetName == IdSet
            ? Matching(containers, Id, (c, id) => Like(c.Id, id.TrimEnd('*') + "*"), EngineObjectNoun.Container)
            : Matching(containers, Name, (c, name) => Like(c.Name, name.TrimStart('/')), EngineObjectNoun.Container);
        if (Detail)
        {
            WriteObject(Await(ct => ContainerOperations.InspectManyAsync(TargetEngine, matches.Select(c => c.Id).ToArray(), ct)), enumerateCollection: true);
        }
        else
        {
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
