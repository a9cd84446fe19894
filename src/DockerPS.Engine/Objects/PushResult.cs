namespace DockerPS;

/// <summary>One tag a push sent to its registry, with the manifest digest and size the registry now serves it by.</summary>
public sealed class PushResult
{
    internal PushResult(string repository, string tag, string digest, long size, DockerEngine engine)
    {
        Repository = repository;
        Tag = tag;
        Digest = digest;
        Size = size;
        Engine = engine;
    }

    /// <summary><c>repository:tag</c> as pushed.</summary>
    public string Reference => $"{Repository}:{Tag}";

    public string Repository { get; }

    public string Tag { get; }

    /// <summary>The manifest digest (<c>sha256:…</c>); <c>Repository@Digest</c> pulls exactly this image.</summary>
    public string Digest { get; }

    /// <summary>Size of the manifest in bytes, as the engine reports it.</summary>
    public long Size { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => $"{Reference}@{Digest}";
}
