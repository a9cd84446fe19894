using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// One row of <c>docker images</c>: an image under one of its repository:tag names (an image with two tags
/// is two rows, an untagged one is <c>&lt;none&gt;:&lt;none&gt;</c>), with the engine it came from.
/// </summary>
public sealed class Image
{
    public const string None = "<none>";

    private readonly ImagesListResponse _raw;

    private Image(ImagesListResponse raw, IReadOnlyList<string> repoTags, IReadOnlyList<string> repoDigests, string repository, string tag, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Repository = repository;
        Tag = tag;
        RepoTags = new(repoTags);
        RepoDigests = new(repoDigests);
        Labels = new(raw.Labels);
    }

    public string Id => _raw.ID;

    public string Repository { get; }

    public string Tag { get; }

    /// <summary>
    /// What names the row to the engine (and binds from the pipeline): <c>repository:tag</c>, <c>repository@digest</c> for
    /// a row known only by its digest (a tag that moved on to a newer pull), or the id when the row has no name.
    /// </summary>
    public string Reference => Repository == None ? Id : Tag == None ? $"{Repository}@{Digest}" : $"{Repository}:{Tag}";

    /// <summary>The digest this repository was pulled or pushed by, if any.</summary>
    public string? Digest => RepoDigests.FirstOrDefault(d => d.StartsWith(Repository + "@", StringComparison.Ordinal))?[(Repository.Length + 1)..];

    public ValueList<string> RepoTags { get; }

    public ValueList<string> RepoDigests { get; }

    public DateTime Created => _raw.Created.ToLocalTime();

    /// <summary>Size in bytes.</summary>
    public long Size => _raw.Size;

    /// <summary>Containers using the image, or -1 when the engine did not count them.</summary>
    public long Containers => _raw.Containers;

    public string ParentId => _raw.ParentID;

    public ValueMap Labels { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's list entry, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ImagesListResponse GetRaw() => _raw;

    public override string ToString() => Reference;

    /// <summary>The rows <c>docker images</c> shows for one image: one per tag, or one by digest or id.</summary>
    internal static IEnumerable<Image> Rows(ImagesListResponse raw, DockerEngine engine)
    {
        // The engine marks "no name" with <none> placeholders; they are not names.
        var tags = raw.RepoTags?.Where(t => t != "<none>:<none>").Select(Parsing.ImageReference.Familiar).ToArray() ?? [];
        var digests = raw.RepoDigests?.Where(d => d != "<none>@<none>").Select(Parsing.ImageReference.Familiar).ToArray() ?? [];
        if (tags.Length > 0)
        {
            foreach (var reference in tags)
            {
                var (repository, tag) = SplitTag(reference);
                yield return new Image(raw, tags, digests, repository, tag, engine);
            }
            yield break;
        }
        var repo = digests.Length == 0 ? None : digests[0][..digests[0].IndexOf('@')];
        yield return new Image(raw, tags, digests, repo, None, engine);
    }

    /// <summary>Splits <c>host:5000/repo:tag</c> at the tag's colon, not the port's.</summary>
    internal static (string Repository, string Tag) SplitTag(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, None);
    }
}
