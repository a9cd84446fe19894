using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary><c>docker volume ls</c> (each entry has what <c>docker volume inspect</c> shows), with PowerShell wildcards on names and the engine's own filters.</summary>
[Cmdlet(VerbsCommon.Get, "DockerVolume", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Volume))]
public sealed class GetDockerVolumeCommand : DockerListCmdlet
{
    private const string NameSet = "Name";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only volumes no container uses (<c>dangling=true</c>).</summary>
    [Parameter]
    public SwitchParameter Dangling { get; set; }

    /// <summary>Only volumes of these drivers.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Driver { get; set; }

    protected override object? TargetOfItem => Name;

    protected override void AddFilters(FilterSet filters)
    {
        if (Dangling)
        {
            filters.Add("dangling", "true");
        }
        foreach (var driver in Driver ?? [])
        {
            filters.Add("driver", driver);
        }
    }

    protected override void ProcessItem()
    {
        if (List(VolumeOperations.ListAsync) is { } volumes)
        {
            WriteObject(Matching(volumes, Name, (v, name) => Like(v.Name, name), EngineObjectNoun.Volume), enumerateCollection: true);
        }
    }
}
