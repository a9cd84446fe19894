using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker secret ls</c> and <c>docker secret inspect</c> (the list has every field): the swarm's secrets, asked of a
/// manager, with PowerShell wildcards on names and ids and the engine's own filters. Never their values.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerSecret", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Secret))]
public sealed class GetDockerSecretCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecretNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SecretIdCompleter))]
    public string[]? Id { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void ProcessItem()
    {
        if (List(SecretOperations.ListAsync) is not { } secrets)
        {
            return;
        }
        var matches = ParameterSetName == IdSet
            ? Matching(secrets, Id, (s, id) => Like(s.Id, id.TrimEnd('*') + "*"), EngineObjectNoun.Secret)
            : Matching(secrets, Name, (s, name) => Like(s.Name, name), EngineObjectNoun.Secret);
        WriteObject(matches, enumerateCollection: true);
    }
}
