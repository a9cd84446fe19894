using System.Formats.Tar;
using System.Text.Json;
using DockerPS.Errors;

namespace DockerPS.Archive;

/// <summary>An image in a <c>docker save</c> archive: its id (the digest of its config) and the names it was saved with.</summary>
public sealed record ArchivedImage(string Id, IReadOnlyList<string> RepoTags);

/// <summary>
/// Reads what a <c>docker save</c> archive holds from its own <c>manifest.json</c>, so the images a load adds are
/// found by id, not by reading the engine's messages.
/// </summary>
public static class ImageArchive
{
    private const string Manifest = "manifest.json";

    /// <summary>The archive's images; a file that is not a tar or has no manifest is an <see cref="ErrorCatalog.InvalidArchive"/>.</summary>
    public static IReadOnlyList<ArchivedImage> ReadManifest(string path)
    {
        try
        {
            using var file = LocalFile.OnDisk(path, () => File.OpenRead(path));
            // A seekable file: entries other than the manifest are skipped, not read.
            using var tar = new TarReader(file);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name.TrimStart('.', '/') == Manifest && entry.DataStream is { } data)
                {
                    return Parse(data, path);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or EndOfStreamException or KeyNotFoundException or InvalidOperationException)
        {
            throw Invalid(path, e);
        }
        throw Invalid(path, null);
    }

    private static IReadOnlyList<ArchivedImage> Parse(Stream manifest, string path)
    {
        using var document = JsonDocument.Parse(manifest);
        return document.RootElement.EnumerateArray().Select(image =>
        {
            // "<hex>.json" in archives of Docker 24 and before, "blobs/sha256/<hex>" in OCI layout ones since.
            var config = image.GetProperty("Config").GetString() ?? throw Invalid(path, null);
            var hex = Path.GetFileNameWithoutExtension(config.Split('/')[^1]);
            var tags = image.TryGetProperty("RepoTags", out var repoTags) && repoTags.ValueKind == JsonValueKind.Array
                ? repoTags.EnumerateArray().Select(t => t.GetString()).OfType<string>().Select(Parsing.ImageReference.Familiar).ToArray()
                : [];
            return new ArchivedImage("sha256:" + hex, tags);
        }).ToArray();
    }

    private static CopyException Invalid(string path, Exception? inner) =>
        new(ErrorCatalog.InvalidArchive, $"'{path}' is not an image archive as docker save writes it (a tar with a {Manifest}).", path, inner);
}
