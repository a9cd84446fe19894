using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker service ls</c> and <c>docker service inspect</c> (the list has every field): the swarm's services, asked of
/// a manager, with their running and desired tasks, PowerShell wildcards on names and ids and the engine's own filters.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerService", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Service))]
public sealed class GetDockerServiceCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ServiceIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only replicated or only global services (<c>--filter mode=</c>).</summary>
    [Parameter]
    [ValidateSet("replicated", "global")]
    public string? Mode { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void AddFilters(FilterSet filters)
    {
        if (Mode is not null)
        {
            filters.Add("mode", Mode);
        }
    }

    protected override void ProcessItem()
    {
        if (List(ServiceOperations.ListAsync) is not { } services)
        {
            return;
        }
        var matches = ParameterSetName == IdSet
            ? Matching(services, Id, (s, id) => Like(s.Id, id.TrimEnd('*') + "*"), EngineObjectNoun.Service)
            : Matching(services, Name, (s, name) => Like(s.Name, name), EngineObjectNoun.Service);
        WriteObject(matches, enumerateCollection: true);
    }
}
