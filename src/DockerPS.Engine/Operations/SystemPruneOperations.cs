using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace DockerPS.Operations;

/// <summary>An object <c>docker system prune</c> would remove: its kind (one of <see cref="SystemPruneOperations"/>' kinds), id and name (a build cache record's is its id).</summary>
public sealed record PruneCandidate(string Kind, string Id, string Name);

/// <summary>
/// <c>docker system prune</c>, one kind of object at a time: what the engine's prune endpoint would remove (listed with
/// the same filters), and the prune itself.
/// </summary>
public static class SystemPruneOperations
{
    public const string Containers = "containers";
    public const string Networks = "networks";
    public const string Images = "images";
    public const string Volumes = "volumes";
    public const string BuildCache = "build cache";

    /// <summary>
    /// What pruning <paramref name="kind"/> would remove now: stopped containers, networks no container uses (not the
    /// predefined ones), dangling images (with <paramref name="allImages"/>, all that no container uses), volumes no
    /// container uses (anonymous ones only from API 1.42 on, as the engine's prune without all); only those
    /// <paramref name="filter"/> selects.
    /// </summary>
    public static Task<IReadOnlyList<PruneCandidate>> CandidatesAsync(DockerEngine engine, string kind, PruneFilter filter, bool allImages, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<PruneCandidate>>(async (client, ct) =>
        {
            switch (kind)
            {
                case Containers:
                    var containers = await ContainerOperations.PruneCandidatesAsync(engine, filter, ct).ConfigureAwait(false);
                    return containers.Select(c => new PruneCandidate(kind, c.Id, c.Name)).ToArray();
                case Networks:
                    var networks = await NetworkOperations.PruneCandidatesAsync(engine, filter, ct).ConfigureAwait(false);
                    return networks.Select(n => new PruneCandidate(kind, n.Id, n.Name)).ToArray();
                case Images:
                    var images = await ImageOperations.PruneCandidatesAsync(engine, filter, allImages, ct).ConfigureAwait(false);
                    return images.Select(i => new PruneCandidate(kind, i.Id, i.Reference)).ToArray();
                case Volumes:
                    var volumes = await VolumeOperations.PruneCandidatesAsync(engine, filter, all: false, ct).ConfigureAwait(false);
                    return volumes.Select(v => new PruneCandidate(kind, v.Volume.Name, v.Volume.Name)).ToArray();
                case BuildCache:
                    // The build cache has no labels: the engine would ignore label filters and prune it all, so a
                    // prune limited by labels leaves it.
                    if (filter.Labels.Count > 0 || filter.NotLabels.Count > 0)
                    {
                        return [];
                    }
                    var records = await BuildCacheOperations.ListAsync(engine, ct).ConfigureAwait(false);
                    return BuildCacheOperations.Candidates(records, allImages, filter.Until).Select(r => new PruneCandidate(kind, r.Id, r.Id)).ToArray();
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of object system prune removes.");
            }
        }, cancellationToken);

    /// <summary>Prunes <paramref name="kind"/> with the engine's prune endpoint: what it removed and the bytes that freed.</summary>
    public static Task<PruneResult> PruneAsync(DockerEngine engine, string kind, PruneFilter filter, bool allImages, CancellationToken cancellationToken) =>
        kind == BuildCache ? BuildCacheOperations.PruneAsync(engine, BuildCacheFilter.FromUntil(filter.Until), allImages, keepStorage: null, cancellationToken) :
        engine.CallAsync(async (client, ct) =>
        {
            // The engine runs one prune of a kind at a time and refuses another meanwhile (409): wait for it to end.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await PruneOnceAsync(client, engine, kind, filter, allImages, ct).ConfigureAwait(false);
                }
                catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < PruneAttempts)
                {
                    await Task.Delay(PruneRetryDelay, ct).ConfigureAwait(false);
                }
            }
        }, cancellationToken);

    private const int PruneAttempts = 20;
    private static readonly TimeSpan PruneRetryDelay = TimeSpan.FromMilliseconds(250);

    private static async Task<PruneResult> PruneOnceAsync(DockerClient client, DockerEngine engine, string kind, PruneFilter filter, bool allImages, CancellationToken ct)
    {
        var filters = filter.PruneFilters();
        switch (kind)
        {
            case Containers:
                var containers = await client.Containers.PruneContainersAsync(new ContainersPruneParameters { Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
                return new PruneResult(containers.ContainersDeleted?.ToArray() ?? [], (long)containers.SpaceReclaimed, engine);
            case Networks:
                var networks = await client.Networks.PruneNetworksAsync(new NetworksDeleteUnusedParameters { Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
                return new PruneResult(networks.NetworksDeleted?.ToArray() ?? [], 0, engine);
            case Images:
                // The engine reports the layers it deleted too: keep the ids of images only.
                var before = (await client.Images.ListImagesAsync(new ImagesListParameters { All = true }, ct).ConfigureAwait(false)).Select(i => i.ID).ToHashSet();
                var images = await client.Images.PruneImagesAsync(new ImagesPruneParameters { Filters = filters.Add("dangling", allImages ? "false" : "true").ToEngine() }, ct).ConfigureAwait(false);
                return new PruneResult(images.ImagesDeleted?.Select(i => i.Deleted).OfType<string>().Where(before.Contains).ToArray() ?? [], (long)images.SpaceReclaimed, engine);
            case Volumes:
                var volumes = await client.Volumes.PruneAsync(new VolumesPruneParameters { Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
                return new PruneResult(volumes.VolumesDeleted?.ToArray() ?? [], (long)volumes.SpaceReclaimed, engine);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of object system prune removes.");
        }
    }
}
