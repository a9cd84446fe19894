using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>One row of <c>docker history</c>: a step that made the image, newest first, with the engine it came from.</summary>
public sealed class ImageHistoryItem
{
    internal ImageHistoryItem(ImageHistoryResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
    }

    /// <summary>The image this step made, or null for steps whose image is not on the engine (the engine's <c>&lt;missing&gt;</c>).</summary>
    public string? Id => Raw.ID is { Length: > 0 } id && id != "<missing>" ? Parsing.ImageReference.FullId(id) : null;

    public DateTime Created => Raw.Created.ToLocalTime();

    /// <summary>The command or instruction of the step.</summary>
    public string CreatedBy => Raw.CreatedBy;

    /// <summary>Bytes the step added.</summary>
    public long Size => Raw.Size;

    public string Comment => Raw.Comment;

    public IReadOnlyList<string> Tags => Raw.Tags?.ToArray() ?? [];

    public DockerEngine Engine { get; }

    /// <summary>The engine's history entry, unchanged.</summary>
    public ImageHistoryResponse Raw { get; }

    public override string ToString() => CreatedBy;
}
