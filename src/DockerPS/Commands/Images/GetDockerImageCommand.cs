using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker images</c>: one row per repository:tag, with PowerShell wildcards and the engine's own filters; with
/// -Detail, <c>docker image inspect</c> of each image (once per image, however many names it has).
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerImage", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Image), typeof(ImageDetail))]
public sealed class GetDockerImageCommand : DockerListCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";

    /// <summary>A repository (<c>busybox</c>) or a reference (<c>busybox:1.36</c>), wildcards allowed.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Repository", "Reference")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = NameSet, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Tag { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageIdCompleter))]
    public string[]? Id { get; set; }

    /// <summary>Only untagged images (<c>dangling=true</c>).</summary>
    [Parameter]
    public SwitchParameter Dangling { get; set; }

    /// <summary>Intermediate images too, as <c>docker images -a</c>.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Writes the full <c>docker image inspect</c> view of each image instead of its list rows.</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void AddFilters(FilterSet filters)
    {
        if (Dangling)
        {
            filters.Add("dangling", "true");
        }
    }

    protected override void ProcessItem()
    {
        if (List((engine, filters, ct) => ImageOperations.ListAsync(engine, filters, All, ct)) is not { } images)
        {
            return;
        }
        if (Tag is not null)
        {
            images = images.Where(i => Tag.Any(t => Like(i.Tag, t))).ToArray();
        }
        var matches = ParameterSetName == IdSet
            ? Matching(images, Id, (i, id) => MatchesId(i.Id, id), EngineObjectNoun.Image)
            : Matching(images, Name, MatchesName, EngineObjectNoun.Image);
        if (Detail)
        {
            WriteObject(Await(ct => ImageOperations.InspectManyAsync(TargetEngine, matches.Select(i => i.Id).Distinct().ToArray(), ct)), enumerateCollection: true);
        }
        else
        {
            WriteObject(matches, enumerateCollection: true);
        }
    }

    /// <summary><c>repo:tag</c> patterns match the reference; others match the repository.</summary>
    private static bool MatchesName(Image image, string pattern) =>
        pattern.LastIndexOf(':') > pattern.LastIndexOf('/') ? Like(image.Reference, pattern) : Like(image.Repository, pattern);

    /// <summary>Ids match by prefix, with or without <c>sha256:</c>, as the docker CLI's do.</summary>
    private static bool MatchesId(string id, string pattern)
    {
        var prefix = pattern.TrimEnd('*') + "*";
        return Like(id, prefix) || Like(id, "sha256:" + prefix);
    }
}
