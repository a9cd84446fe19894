using System.Text.Json;

namespace DockerPS;

/// <summary>
/// What a registry serves for an image reference, as the engine resolves it (<c>GET /distribution/NAME/json</c>): the
/// manifest's descriptor (media type, digest, size) and the platforms it has an image for; an index (multi-platform image)
/// lists every platform, a single image manifest its own.
/// </summary>
public sealed class Manifest
{
    private readonly JsonElement _raw;

    internal Manifest(string name, JsonElement raw, DockerEngine engine)
    {
        Name = name;
        _raw = raw;
        Engine = engine;
        var descriptor = raw.GetProperty("Descriptor");
        MediaType = descriptor.TryGetProperty("mediaType", out var m) ? m.GetString() ?? "" : "";
        Digest = descriptor.GetProperty("digest").GetString() ?? "";
        Size = descriptor.TryGetProperty("size", out var s) ? s.GetInt64() : 0;
        Platforms = new(raw.TryGetProperty("Platforms", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(ManifestPlatform.FromJson)
            : null);
    }

    /// <summary>The image reference as asked for.</summary>
    public string Name { get; }

    /// <summary>The manifest's media type: an OCI index or Docker manifest list for a multi-platform image, else an image manifest.</summary>
    public string MediaType { get; }

    /// <summary>The manifest's digest (<c>sha256:…</c>); <c>NAME@Digest</c> pulls exactly it.</summary>
    public string Digest { get; }

    /// <summary>The manifest's size in bytes.</summary>
    public long Size { get; }

    /// <summary>True for an OCI image index or a Docker manifest list.</summary>
    public bool IsIndex => MediaType is OciIndex or DockerManifestList;

    /// <summary>The platforms the registry has an image of this name for.</summary>
    public ValueList<ManifestPlatform> Platforms { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public JsonElement GetRaw() => _raw;

    public override string ToString() => $"{Name}@{Digest}";

    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
}
