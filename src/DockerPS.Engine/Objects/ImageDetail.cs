using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// An image as <c>docker image inspect</c> shows it: names, platform, labels and layers, with the engine it came from;
/// what containers of the image start with (Cmd, Entrypoint, Env, WorkingDir, ExposedPorts, User, …) is the hidden
/// property Config in PowerShell. Pipes into the image cmdlets by its Id.
/// </summary>
public sealed class ImageDetail
{
    private readonly ImageInspectResponse _raw;

    internal ImageDetail(ImageInspectResponse raw, string? parent, DockerEngine engine)
    {
        _raw = raw;
        Parent = string.IsNullOrEmpty(parent) ? null : parent;
        Engine = engine;
        Labels = new(raw.Config?.Labels);
    }

    public string Id => _raw.ID;

    /// <summary>The image's names, in the familiar form (<c>busybox:latest</c>, not <c>docker.io/library/busybox:latest</c>).</summary>
    public ValueList<string> RepoTags => new(_raw.RepoTags?.Select(Parsing.ImageReference.Familiar));

    public ValueList<string> RepoDigests => new(_raw.RepoDigests?.Select(Parsing.ImageReference.Familiar));

    /// <summary>The image this one was built or committed on locally; null for pulled, loaded or imported images, and on engines of API 1.44 and later, which no longer say.</summary>
    public string? Parent { get; }

    public DateTime? Created => _raw.Created?.ToLocalTime();

    /// <summary>Size in bytes, all layers included.</summary>
    public long Size => _raw.Size;

    public string Architecture => _raw.Architecture;

    public string Os => _raw.Os;

    public string? Variant => _raw.Variant;

    public string? Author => _raw.Author;

    public string? Comment => _raw.Comment;

    public ValueMap Labels { get; }

    /// <summary>The root file system's layers (diff ids), bottom first.</summary>
    public ValueList<string> Layers => new(_raw.RootFS?.Layers);

    public DockerEngine Engine { get; }

    /// <summary>The engine's inspect answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ImageInspectResponse GetRaw() => _raw;

    public override string ToString() => Id;
}
