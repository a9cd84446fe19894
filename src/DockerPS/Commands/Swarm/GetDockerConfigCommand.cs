using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker config ls</c> and <c>docker config inspect</c> (the list has every field): the swarm's configs, asked of a
/// manager, with PowerShell wildcards on names and ids and the engine's own filters. With their content.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerConfig", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Config))]
public sealed class GetDockerConfigCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ConfigIdCompleter))]
    public string[]? Id { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void ProcessItem()
    {
        if (List(ConfigOperations.ListAsync) is not { } configs)
        {
            return;
        }
        var matches = ParameterSetName == IdSet
            ? Matching(configs, Id, (s, id) => Like(s.Id, id.TrimEnd('*') + "*"), EngineObjectNoun.Config)
            : Matching(configs, Name, (s, name) => Like(s.Name, name), EngineObjectNoun.Config);
        WriteObject(matches, enumerateCollection: true);
    }
}
