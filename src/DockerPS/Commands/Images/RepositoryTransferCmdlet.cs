using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>What pull and push share besides registry access: -Name and -AllTags, each reference checked as it comes.</summary>
public abstract class RepositoryTransferCmdlet : ImageTransferCmdlet
{
    protected const string ReferenceSet = "Reference";

    private string? _current;

    /// <summary>Image references: <c>busybox</c>, <c>registry:5000/team/app:v1</c>; piped images bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReferenceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Every tag of the repository (<c>docker pull -a</c>, <c>docker push -a</c>); the name must not have a tag or digest.</summary>
    [Parameter]
    public SwitchParameter AllTags { get; set; }

    protected override object? TargetOfItem => _current;

    /// <summary>
    /// The -Name texts with their references, each checked as it comes (and the item's errors then target it): a bad one,
    /// or one with a tag or digest when -AllTags asks for a repository, is an InvalidReference error and is skipped.
    /// </summary>
    protected IEnumerable<(string Text, ImageReference Reference)> References(bool allowDigest)
    {
        foreach (var text in Name!)
        {
            _current = text;
            if (this.ParseReference(text, allowDigest, stop: false) is not { } reference)
            {
                continue;
            }
            if (AllTags && (reference.Tag ?? reference.Digest) is not null)
            {
                WriteError(ErrorFor(ErrorCatalog.InvalidReference,
                    new ArgumentException($"'{text}' has a {(allowDigest ? "tag or digest" : "tag")}; -AllTags takes a repository name."), text));
                continue;
            }
            yield return (text, reference);
        }
    }

    /// <summary>The local images <paramref name="reference"/> names (every tag of its repository with <paramref name="allTags"/>), as <c>docker images</c> rows.</summary>
    protected IEnumerable<Image> LocalImages(ImageReference reference, bool allTags)
    {
        var name = reference.FamiliarName;
        // By repository: the engine leaves out of RepoDigests (and RepoTags) whatever a narrower reference filter does not match.
        var filters = new FilterSet();
        filters.Add("reference", name);
        var rows = Await(ct => ImageOperations.ListAsync(TargetEngine, filters, all: false, ct)).Where(i => i.Repository == name);
        // An image pulled by digest alone is listed once, under its digest; one tagged too is a row per tag.
        return allTags ? rows
            : reference.Digest is { } digest ? rows.Where(i => i.RepoDigests.Contains($"{name}@{digest}")).Take(1)
            : rows.Where(i => i.Tag == (reference.Tag ?? "latest"));
    }
}
