using System.Text.Json;

namespace DockerPS;

/// <summary>
/// One line of <c>docker system df</c>: how many objects of a type there are, how many are in use, the disk space
/// they take and how much of it removing the unused ones would free, computed as the docker CLI computes them.
/// </summary>
public sealed class DiskUsage
{
    public const string Images = "Images";
    public const string Containers = "Containers";
    public const string LocalVolumes = "Local Volumes";
    public const string BuildCache = "Build Cache";

    private readonly JsonElement _raw;

    private DiskUsage(string type, int totalCount, int active, long size, long reclaimable, bool showPercent, JsonElement raw, DockerEngine engine)
    {
        Type = type;
        TotalCount = totalCount;
        Active = active;
        Size = size;
        Reclaimable = reclaimable;
        // The CLI shows no percentage for the build cache, nor for a type that takes no space.
        ReclaimablePercent = showPercent && size > 0 ? (int)(reclaimable * 100 / size) : null;
        _raw = raw;
        Engine = engine;
    }

    /// <summary>Images, Containers, Local Volumes or Build Cache.</summary>
    public string Type { get; }

    public int TotalCount { get; }

    /// <summary>How many are in use: images with containers, running or paused containers, volumes mounted somewhere, build cache in use.</summary>
    public int Active { get; }

    /// <summary>Bytes on disk.</summary>
    public long Size { get; }

    /// <summary>Bytes that removing the unused ones would free.</summary>
    public long Reclaimable { get; }

    /// <summary>Reclaimable as a whole percentage of Size, rounded down, as the CLI shows it.</summary>
    public int? ReclaimablePercent { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's whole <c>/system/df</c> answer. PowerShell shows it as the hidden property Raw.</summary>
    public JsonElement GetRaw() => _raw;

    public override string ToString() => Type;

    /// <summary>The four summaries of an engine's <c>/system/df</c> answer (the API 1.41 shape, with LayersSize).</summary>
    internal static IReadOnlyList<DiskUsage> Summarize(JsonElement df, DockerEngine engine)
    {
        var images = Items(df, "Images");
        var layers = Number(df, "LayersSize");
        // An image's own layers stay while a container uses it; layers it shares with other images are counted once in LayersSize.
        var usedByContainers = images.Where(i => Number(i, "Containers") > 0 && Number(i, "Size") >= 0 && Number(i, "SharedSize") >= 0)
            .Sum(i => Number(i, "Size") - Number(i, "SharedSize"));

        var containers = Items(df, "Containers");
        var activeContainers = containers.Where(IsActiveContainer).ToArray();
        var containerSize = containers.Sum(c => Number(c, "SizeRw"));

        var volumes = Items(df, "Volumes");
        var measured = volumes.Where(v => VolumeUsage(v, "Size") >= 0).ToArray();

        var cache = Items(df, "BuildCache").Where(b => !Flag(b, "Shared")).ToArray();
        return
        [
            new(Images, images.Count, images.Count(i => Number(i, "Containers") > 0), layers, layers - usedByContainers, true, df, engine),
            new(Containers, containers.Count, activeContainers.Length, containerSize, containerSize - activeContainers.Sum(c => Number(c, "SizeRw")), true, df, engine),
            new(LocalVolumes, volumes.Count, volumes.Count(v => VolumeUsage(v, "RefCount") > 0), measured.Sum(v => VolumeUsage(v, "Size")),
                measured.Where(v => VolumeUsage(v, "RefCount") == 0).Sum(v => VolumeUsage(v, "Size")), true, df, engine),
            new(BuildCache, Items(df, "BuildCache").Count, Items(df, "BuildCache").Count(b => Flag(b, "InUse")), cache.Sum(b => Number(b, "Size")),
                cache.Where(b => !Flag(b, "InUse")).Sum(b => Number(b, "Size")), false, df, engine),
        ];
    }

    private static bool IsActiveContainer(JsonElement container) =>
        DiskUsageItem.Text(container, "State") is "running" or "paused" or "restarting";

    internal static IReadOnlyList<JsonElement> Items(JsonElement df, string name) =>
        df.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToArray() : [];

    internal static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    internal static long VolumeUsage(JsonElement volume, string name) =>
        volume.TryGetProperty("UsageData", out var usage) && usage.ValueKind == JsonValueKind.Object ? Number(usage, name) : -1;

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
