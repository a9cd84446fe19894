using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// An image as <c>docker image inspect</c> shows it: names, platform, configuration and layers, with the engine it
/// came from. Pipes into the image cmdlets by its Id.
/// </summary>
public sealed class ImageDetail
{
    internal ImageDetail(ImageInspectResponse raw, string? parent, DockerEngine engine)
    {
        Raw = raw;
        Parent = string.IsNullOrEmpty(parent) ? null : parent;
        Engine = engine;
        Labels = raw.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : [];
    }

    public string Id => Raw.ID;

    /// <summary>The image's names, in the familiar form (<c>busybox:latest</c>, not <c>docker.io/library/busybox:latest</c>).</summary>
    public IReadOnlyList<string> RepoTags => Raw.RepoTags?.Select(Parsing.ImageReference.Familiar).ToArray() ?? [];

    public IReadOnlyList<string> RepoDigests => Raw.RepoDigests?.Select(Parsing.ImageReference.Familiar).ToArray() ?? [];

    /// <summary>The image this one was built or committed on locally; null for pulled, loaded or imported images, and on engines of API 1.44 and later, which no longer say.</summary>
    public string? Parent { get; }

    public DateTime? Created => Raw.Created?.ToLocalTime();

    /// <summary>Size in bytes, all layers included.</summary>
    public long Size => Raw.Size;

    public string Architecture => Raw.Architecture;

    public string Os => Raw.Os;

    public string? Variant => Raw.Variant;

    public string? Author => Raw.Author;

    public string? Comment => Raw.Comment;

    /// <summary>What containers of the image start with: Cmd, Entrypoint, Env, Labels, WorkingDir, ExposedPorts, User, ...</summary>
    public DockerOCIImageConfig? Config => Raw.Config;

    public Dictionary<string, string> Labels { get; }

    /// <summary>The root file system's layers (diff ids), bottom first.</summary>
    public IReadOnlyList<string> Layers => Raw.RootFS?.Layers?.ToArray() ?? [];

    public DockerEngine Engine { get; }

    /// <summary>The engine's inspect answer, unchanged.</summary>
    public ImageInspectResponse Raw { get; }

    public override string ToString() => Id;
}
