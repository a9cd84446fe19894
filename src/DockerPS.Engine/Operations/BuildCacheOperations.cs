using System.Globalization;
using System.Net;
using System.Text.Json;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>One record of an engine's build cache, as <c>docker system df -v</c> lists it.</summary>
public sealed record BuildCacheRecord(string Id, string Type, string Description, long Size, bool InUse, bool Shared, DateTime? LastUsed);

/// <summary>
/// <c>docker builder prune</c>: the engine's build cache (BuildKit's; the classic builder keeps its cache as images),
/// listed from <c>/system/df</c> and pruned with <c>POST /build/prune</c>.
/// </summary>
public static class BuildCacheOperations
{
    /// <summary>From this API version the engine calls the space to keep <c>reserved-space</c>; before it, <c>keep-storage</c>.</summary>
    private static readonly Version ReservedSpaceVersion = new(1, 48);

    /// <summary>The build cache records the engine has (none on an engine without a build cache, such as Podman).</summary>
    public static Task<IReadOnlyList<BuildCacheRecord>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.SendJsonAsync<IReadOnlyList<BuildCacheRecord>>(HttpMethod.Get, "system/df", null, df => DiskUsage.Items(df, "BuildCache").Select(Record).ToArray(), cancellationToken);

    /// <summary>
    /// What a prune would remove, as far as the records tell: those not in use, used last no later than
    /// <paramref name="until"/>; without <paramref name="all"/> only the dangling ones (BuildKit keeps records that
    /// images share, and its internal and frontend records, unless all). The engine decides; -KeepStorage and the
    /// other filters may keep more.
    /// </summary>
    public static IReadOnlyList<BuildCacheRecord> Candidates(IEnumerable<BuildCacheRecord> records, bool all, DateTime? until) =>
        records.Where(r => !r.InUse && (all || !(r.Shared || r.Type is "internal" or "frontend"))
            && (until is not { } limit || r.LastUsed is not { } used || used.ToUniversalTime() <= limit)).ToArray();

    /// <summary>
    /// Prunes the build cache: unused records (<paramref name="all"/>) or only dangling ones, that
    /// <paramref name="filter"/> selects, keeping <paramref name="keepStorage"/> bytes of cache when given. Returns the
    /// removed records' ids and the bytes freed. An engine without the endpoint (Podman 4) is NotSupportedByEngine.
    /// </summary>
    public static Task<PruneResult> PruneAsync(DockerEngine engine, BuildCacheFilter filter, bool all, long? keepStorage, CancellationToken cancellationToken) =>
        engine.CallAsync(async (_, ct) =>
        {
            // The version is known once connected: CallAsync connects first.
            var query = new List<string>();
            if (all)
            {
                query.Add("all=1");
            }
            if (keepStorage is { } keep)
            {
                var name = ApiVersions.Parse(engine.ApiVersion) is { } version && version >= ReservedSpaceVersion ? "reserved-space" : "keep-storage";
                query.Add($"{name}={keep.ToString(CultureInfo.InvariantCulture)}");
            }
            var filters = filter.ToFilterSet();
            if (!filters.IsEmpty)
            {
                query.Add("filters=" + Uri.EscapeDataString(filters.ToJson()));
            }
            try
            {
                return await engine.SendJsonAsync(HttpMethod.Post, "build/prune" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), null, report =>
                {
                    var removed = report.TryGetProperty("CachesDeleted", out var deleted) && deleted.ValueKind == JsonValueKind.Array
                        ? deleted.EnumerateArray().Select(d => d.GetString()).OfType<string>().ToArray() : [];
                    return new PruneResult(removed, DiskUsage.Number(report, "SpaceReclaimed"), engine);
                }, ct).ConfigureAwait(false);
            }
            catch (DockerEngineException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                throw new DockerEngineException(ErrorCatalog.NotSupportedByEngine,
                    $"The engine at {engine.Endpoint} has no build cache to prune (it answered {e.Message.Trim()} to /build/prune); Podman 4 builds with buildah, whose cache is its images.",
                    e, e.StatusCode);
            }
        }, cancellationToken);

    private static BuildCacheRecord Record(JsonElement record) => new(
        DiskUsageItem.Text(record, "ID") ?? string.Empty,
        DiskUsageItem.Text(record, "Type") ?? string.Empty,
        DiskUsageItem.Text(record, "Description") ?? string.Empty,
        DiskUsage.Number(record, "Size"),
        Flag(record, "InUse"),
        Flag(record, "Shared"),
        DateTime.TryParse(DiskUsageItem.Text(record, "LastUsedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var used) ? used : null);

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
