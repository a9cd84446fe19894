using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>One row of <c>docker history</c>: a step that made the image, newest first, with the engine it came from.</summary>
public sealed class ImageHistoryItem
{
    private readonly ImageHistoryResponse _raw;

    internal ImageHistoryItem(ImageHistoryResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
    }

    /// <summary>The image this step made, or null for steps whose image is not on the engine (the engine's <c>&lt;missing&gt;</c>).</summary>
    public string? Id => _raw.ID is { Length: > 0 } id && id != "<missing>" ? Parsing.ImageReference.FullId(id) : null;

    public DateTime Created => _raw.Created.ToLocalTime();

    /// <summary>The command or instruction of the step.</summary>
    public string CreatedBy => _raw.CreatedBy;

    /// <summary>Bytes the step added.</summary>
    public long Size => _raw.Size;

    public string Comment => _raw.Comment;

    public ValueList<string> Tags => new(_raw.Tags);

    public DockerEngine Engine { get; }

    /// <summary>The engine's history entry, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ImageHistoryResponse GetRaw() => _raw;

    public override string ToString() => CreatedBy;
}
