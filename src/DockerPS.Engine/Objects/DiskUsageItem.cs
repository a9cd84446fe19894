using System.Globalization;
using System.Text.Json;

namespace DockerPS;

/// <summary>
/// One object of <c>docker system df -v</c>: an image, container, volume or build cache record with the disk space
/// it takes and how many use it.
/// </summary>
public sealed class DiskUsageItem
{
    public const string Image = "Image";
    public const string Container = "Container";
    public const string Volume = "Volume";
    public const string BuildCache = "BuildCache";

    private readonly JsonElement _raw;

    private DiskUsageItem(string type, string id, string name, long? size, long? sharedSize, long links, DateTime? created, JsonElement raw, DockerEngine engine)
    {
        Type = type;
        Id = id;
        Name = name;
        Size = size;
        SharedSize = sharedSize;
        Links = links;
        Created = created;
        _raw = raw;
        Engine = engine;
    }

    /// <summary>Image, Container, Volume or BuildCache.</summary>
    public string Type { get; }

    /// <summary>The full id (a volume's is its name).</summary>
    public string Id { get; }

    /// <summary>The first repository:tag of an image (<c>&lt;none&gt;</c> without one), a container's or volume's name, a build cache record's description.</summary>
    public string Name { get; }

    /// <summary>Bytes on disk: an image with all its layers, what a container wrote, a volume's contents (null when the engine did not measure it).</summary>
    public long? Size { get; }

    /// <summary>Bytes of an image's layers that other images share.</summary>
    public long? SharedSize { get; }

    /// <summary>Bytes only this image takes.</summary>
    public long? UniqueSize => Size is { } size && SharedSize is { } shared ? size - shared : null;

    /// <summary>How many use it: containers of an image, mounts of a volume, uses of a build cache record.</summary>
    public long Links { get; }

    public DateTime? Created { get; }

    public DockerEngine Engine { get; }

    /// <summary>The object as the engine's <c>/system/df</c> answer has it. PowerShell shows it as the hidden property Raw.</summary>
    public JsonElement GetRaw() => _raw;

    public override string ToString() => Name;

    /// <summary>The objects of an engine's <c>/system/df</c> answer, by type.</summary>
    internal static IReadOnlyList<DiskUsageItem> List(JsonElement df, DockerEngine engine)
    {
        var items = new List<DiskUsageItem>();
        foreach (var image in DiskUsage.Items(df, "Images"))
        {
            var tags = image.TryGetProperty("RepoTags", out var repoTags) && repoTags.ValueKind == JsonValueKind.Array
                ? repoTags.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null && t != "<none>:<none>") : null;
            tags = tags is null ? null : Parsing.ImageReference.Familiar(tags);
            items.Add(new(Image, Text(image, "Id") ?? string.Empty, tags ?? "<none>", Measured(DiskUsage.Number(image, "Size")),
                Measured(DiskUsage.Number(image, "SharedSize")), DiskUsage.Number(image, "Containers"), FromUnix(DiskUsage.Number(image, "Created")), image, engine));
        }
        foreach (var container in DiskUsage.Items(df, "Containers"))
        {
            var names = container.TryGetProperty("Names", out var n) && n.ValueKind == JsonValueKind.Array ? n.EnumerateArray().Select(x => x.GetString()).FirstOrDefault() : null;
            items.Add(new(Container, Text(container, "Id") ?? string.Empty, names?.TrimStart('/') ?? string.Empty, DiskUsage.Number(container, "SizeRw"), null,
                0, FromUnix(DiskUsage.Number(container, "Created")), container, engine));
        }
        foreach (var volume in DiskUsage.Items(df, "Volumes"))
        {
            var name = Text(volume, "Name") ?? string.Empty;
            var created = DateTime.TryParse(Text(volume, "CreatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : (DateTime?)null;
            items.Add(new(Volume, name, name, Measured(DiskUsage.VolumeUsage(volume, "Size")), null,
                Math.Max(0, DiskUsage.VolumeUsage(volume, "RefCount")), created, volume, engine));
        }
        foreach (var record in DiskUsage.Items(df, "BuildCache"))
        {
            var created = DateTime.TryParse(Text(record, "CreatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : (DateTime?)null;
            items.Add(new(BuildCache, Text(record, "ID") ?? string.Empty, Text(record, "Description") ?? string.Empty, DiskUsage.Number(record, "Size"), null,
                DiskUsage.Number(record, "UsageCount"), created, record, engine));
        }
        return items;
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The engine says -1 for a size it did not measure.</summary>
    private static long? Measured(long size) => size < 0 ? null : size;

    private static DateTime? FromUnix(long seconds) => seconds > 0 ? DateTime.UnixEpoch.AddSeconds(seconds).ToLocalTime() : null;
}
