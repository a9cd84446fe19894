using System.Text.Json;
using Docker.DotNet.Models;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>Volume calls. A volume is named by its full name; an unknown one is an <see cref="Errors.ErrorCatalog.NotFound"/> failure.</summary>
public static class VolumeOperations
{
    /// <summary>The API version from which an engine's prune spares named volumes unless asked for all.</summary>
    private static readonly System.Version AnonymousPruneVersion = new(1, 42);

    /// <summary>The volumes that match the engine-side filters, in the docker CLI's order (by name, numbers as numbers).</summary>
    public static Task<IReadOnlyList<Volume>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Volume>>(async (client, ct) =>
        {
            var list = await client.Volumes.ListAsync(new VolumesListParameters { Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
            return list.Volumes?.Select(v => new Volume(v, engine)).OrderBy(v => v.Name, NaturalOrder.Instance).ToArray() ?? [];
        }, cancellationToken);

    public static Task<Volume> InspectAsync(DockerEngine engine, string name, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Volume(await client.Volumes.InspectAsync(name, ct).ConfigureAwait(false), engine), cancellationToken);

    /// <summary>Creates a volume (the engine names it when <paramref name="name"/> is null, and empty means its default driver as for the docker CLI); an existing name of the same driver is returned as it is.</summary>
    public static Task<Volume> CreateAsync(DockerEngine engine, string? name, string? driver, IDictionary<string, string> options,
        IDictionary<string, string> labels, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Volume(await client.Volumes.CreateAsync(
            new VolumesCreateParameters { Name = name ?? string.Empty, Driver = driver ?? string.Empty, DriverOpts = options, Labels = labels }, ct).ConfigureAwait(false), engine), cancellationToken);

    /// <summary>Removes a volume; one a container uses is VolumeInUse, with or without <paramref name="force"/>.</summary>
    public static Task RemoveAsync(DockerEngine engine, string name, bool force, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Volumes.RemoveAsync(name, force, ct), cancellationToken).Meaning(ErrorCatalog.Conflict, ErrorCatalog.VolumeInUse);

    /// <summary>
    /// Whether a volume prune removes named volumes too, the one rule for <c>docker volume prune [-a]</c> and
    /// <c>docker system prune --volumes</c> (which never asks for all): engines of API 1.42 and later prune only
    /// anonymous volumes unless <paramref name="all"/>; older engines tell no anonymous volume from a named one and
    /// prune every unused volume, so there <paramref name="all"/> changes nothing.
    /// </summary>
    public static bool PruneTakesNamed(DockerEngine engine, bool all) => all || ApiVersions.Parse(engine.ApiVersion) < AnonymousPruneVersion;

    /// <summary>
    /// The volumes no container uses that a prune with this filter would remove (see <see cref="PruneTakesNamed"/>),
    /// each with its size (the space removing it frees; 0 when the driver does not say).
    /// </summary>
    public static Task<IReadOnlyList<(Volume Volume, long Size)>> PruneCandidatesAsync(DockerEngine engine, PruneFilter filter, bool all, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<(Volume, long)>>(async (client, ct) =>
        {
            var unused = await ListAsync(engine, filter.LabelFilters().Add("dangling", "true"), ct).ConfigureAwait(false);
            var namedToo = PruneTakesNamed(engine, all);
            var candidates = unused.Where(v => filter.Matches(v.Created?.ToUniversalTime() ?? DateTime.MinValue, v.Labels) && (namedToo || v.Labels.ContainsKey(Volume.AnonymousLabel))).ToArray();
            if (candidates.Length == 0)
            {
                return [];
            }
            var sizes = await SizesAsync(engine, ct).ConfigureAwait(false);
            return candidates.Select(v => (v, sizes.GetValueOrDefault(v.Name))).ToArray();
        }, cancellationToken);

    /// <summary>Each volume's size on disk, from <c>docker system df</c> (the volume list has no sizes); -1 sizes (unknown) count as 0.</summary>
    private static Task<Dictionary<string, long>> SizesAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.SendJsonAsync(HttpMethod.Get, "system/df?type=volume", null, body =>
        {
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            if (body.TryGetProperty("Volumes", out var volumes) && volumes.ValueKind == JsonValueKind.Array)
            {
                foreach (var volume in volumes.EnumerateArray())
                {
                    if (volume.TryGetProperty("UsageData", out var usage) && usage.ValueKind == JsonValueKind.Object
                        && usage.TryGetProperty("Size", out var size) && size.GetInt64() > 0)
                    {
                        sizes[volume.GetProperty("Name").GetString()!] = size.GetInt64();
                    }
                }
            }
            return sizes;
        }, cancellationToken);
}
