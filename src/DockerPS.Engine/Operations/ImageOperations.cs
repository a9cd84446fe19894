using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using DockerPS.Archive;
using DockerPS.Errors;
using DockerPS.Parsing;

namespace DockerPS.Operations;

public static partial class ImageOperations
{
    private const string TarMediaType = "application/x-tar";

    /// <summary>The rows of <c>docker images</c> (one per tag), optionally with intermediate images.</summary>
    public static Task<IReadOnlyList<Image>> ListAsync(DockerEngine engine, FilterSet filters, bool all, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Image>>(async (client, ct) =>
        {
            var list = await client.Images.ListImagesAsync(
                new ImagesListParameters { All = all, Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
            return list.SelectMany(i => Image.Rows(i, engine)).ToArray();
        }, cancellationToken);

    /// <summary>
    /// <c>docker image inspect</c>. Raw, because Docker.DotNet's model has no Parent (the engine dropped it in API 1.44;
    /// older engines still send it).
    /// </summary>
    public static Task<ImageDetail> InspectAsync(DockerEngine engine, string image, CancellationToken cancellationToken) =>
        engine.SendJsonAsync(HttpMethod.Get, $"images/{PathOf(image)}/json", null, body => new ImageDetail(
            body.Deserialize<ImageInspectResponse>() ?? throw new InvalidDataException($"The engine answered an empty inspect of image {image}."),
            body.TryGetProperty("Parent", out var parent) && parent.ValueKind == JsonValueKind.String ? parent.GetString() : null, engine), cancellationToken);

    /// <summary>Inspects several at once, in the order given; see <see cref="DockerEngine.InspectEachAsync{T}"/>.</summary>
    public static Task<IReadOnlyList<ImageDetail>> InspectManyAsync(DockerEngine engine, IReadOnlyList<string> images, CancellationToken cancellationToken) =>
        engine.InspectEachAsync(images, InspectAsync, cancellationToken);

    /// <summary><c>docker tag</c>: another name for the image; a reference without a tag gets latest, as with the docker CLI.</summary>
    public static Task TagAsync(DockerEngine engine, string image, ImageReference target, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Images.TagImageAsync(image,
            new ImageTagParameters { RepositoryName = target.Repository, Tag = target.Tag ?? "latest" }, ct), cancellationToken);

    /// <summary><c>docker rmi</c>: what the engine untagged and deleted.</summary>
    public static Task<IReadOnlyList<ImageRemoval>> RemoveAsync(DockerEngine engine, string image, bool force, bool noPrune, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<ImageRemoval>>(async (client, ct) =>
        {
            var removed = await client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = force, NoPrune = noPrune }, ct).ConfigureAwait(false);
            return removed.Select(r => new ImageRemoval(r.TryGetValue("Untagged", out var u) ? ImageReference.Familiar(u) : null,
                r.TryGetValue("Deleted", out var d) ? ImageReference.FullId(d) : null, engine)).ToArray();
        }, cancellationToken).Meaning(ErrorCatalog.Conflict, ErrorCatalog.ImageInUse);

    /// <summary><c>docker history</c>: the steps that made the image, newest first.</summary>
    public static Task<IReadOnlyList<ImageHistoryItem>> HistoryAsync(DockerEngine engine, string image, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<ImageHistoryItem>>(async (client, ct) =>
            (await client.Images.GetImageHistoryAsync(image, ct).ConfigureAwait(false)).Select(h => new ImageHistoryItem(h, engine)).ToArray(), cancellationToken);

    /// <summary>
    /// What <c>docker image prune</c> would remove now, one row per image: images no container uses (stopped ones
    /// count) and no other image is built on, that <paramref name="filter"/> selects; only dangling ones unless
    /// <paramref name="all"/>.
    /// </summary>
    public static Task<IReadOnlyList<Image>> PruneCandidatesAsync(DockerEngine engine, PruneFilter filter, bool all, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Image>>(async (client, ct) =>
        {
            var filters = filter.LabelFilters();
            var images = await client.Images.ListImagesAsync(new ImagesListParameters { Filters = (all ? filters : filters.Add("dangling", "true")).ToEngine() }, ct).ConfigureAwait(false);
            var everything = await client.Images.ListImagesAsync(new ImagesListParameters { All = true }, ct).ConfigureAwait(false);
            var parents = everything.Select(i => i.ParentID).Where(p => !string.IsNullOrEmpty(p)).ToHashSet();
            var used = (await client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct).ConfigureAwait(false)).Select(c => c.ImageID).ToHashSet();
            return images.Where(i => !used.Contains(i.ID) && !parents.Contains(i.ID) && filter.Matches(i.Created.ToUniversalTime(), i.Labels))
                .Select(i => Image.Rows(i, engine).First()).ToArray();
        }, cancellationToken);

    /// <summary>
    /// Removes an unused image as the engine's prune does: each of its names (the image goes with the last), or by
    /// id when it has none; never forced, so an image a container started using since the listing stays.
    /// </summary>
    public static async Task RemoveUnusedAsync(DockerEngine engine, Image image, CancellationToken cancellationToken)
    {
        foreach (var reference in image.RepoTags.Concat(image.RepoDigests).DefaultIfEmpty(image.Id))
        {
            await RemoveAsync(engine, reference, force: false, noPrune: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>docker save -o FILE</c>: the images (names or ids) as one tar archive, streamed into <paramref name="file"/>
    /// (created once the engine answers, removed again if the save fails or is cancelled part way).
    /// </summary>
    public static Task<long> SaveAsync(DockerEngine engine, IReadOnlyList<string> images, string file, bool overwrite, TransferProgress progress, CancellationToken cancellationToken) =>
        engine.SendAsync(HttpMethod.Get, "images/get?" + string.Join('&', images.Select(i => "names=" + Uri.EscapeDataString(i))), null, async (response, ct) =>
        {
            await LocalFile.DownloadAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), file, overwrite, progress, ct).ConfigureAwait(false);
            return progress.Bytes;
        }, cancellationToken);

    /// <summary><c>docker load -i FILE</c>: the archive streamed from the file as it is read.</summary>
    public static Task LoadAsync(DockerEngine engine, string file, TransferProgress progress, CancellationToken cancellationToken) =>
        UploadAsync(engine, "images/load?quiet=1", file, progress, cancellationToken);

    /// <summary>
    /// <c>docker import FILE</c>: a root file system tar as a new image, with an optional name (no tag means latest),
    /// Dockerfile instructions for its configuration, a commit message and a platform. Returns the new image's id.
    /// </summary>
    public static async Task<string> ImportAsync(DockerEngine engine, string file, ImageReference? reference, IReadOnlyList<string> changes, string? message,
        string? platform, TransferProgress progress, CancellationToken cancellationToken)
    {
        var query = new List<(string Key, string? Value)>
        {
            // The tag goes in repo (the API allows it there): Podman ignores the tag parameter of an import.
            ("fromSrc", "-"), ("repo", reference is null ? null : $"{reference.Repository}:{reference.Tag ?? "latest"}"), ("message", message), ("platform", platform),
        };
        query.AddRange(changes.Select(change => ("changes", (string?)change)));
        var text = string.Join('&', query.Where(q => q.Value is not null).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value!)}"));
        var messages = await UploadAsync(engine, "images/create?" + text, file, progress, cancellationToken).ConfigureAwait(false);
        // The engine's last word on an import is the new image's id, as its status (Podman's without sha256:).
        return messages.Select(m => m.Status).LastOrDefault(s => s is not null && IdPattern().IsMatch(s)) is { } id ? ImageReference.FullId(id)
            : throw new DockerEngineException(ErrorCatalog.EngineError, $"The engine imported '{file}' but did not say the new image's id.");
    }

    [GeneratedRegex("^(?:sha256:)?[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>Uploads a file as a tar body and reads the engine's JSON messages; an archive the engine refuses is ImportFailed.</summary>
    private static async Task<IReadOnlyList<JsonMessage>> UploadAsync(DockerEngine engine, string pathAndQuery, string file, TransferProgress progress, CancellationToken cancellationToken)
    {
        using var content = StreamUploadContent.FromFile(file, TarMediaType, progress);
        try
        {
            return await engine.SendAsync(HttpMethod.Post, pathAndQuery, content, async (response, ct) =>
            {
                var messages = new List<JsonMessage>();
                await foreach (var message in JsonMessages.ReadAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false))
                {
                    if (message.Error is { } error)
                    {
                        throw new DockerEngineException(ErrorCatalog.ImportFailed, error);
                    }
                    messages.Add(message);
                }
                return (IReadOnlyList<JsonMessage>)messages;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException) when (content.Failure is { } local)
        {
            ExceptionDispatchInfo.Throw(local);
            throw;
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.InvalidArgument || e.Code == ErrorCatalog.EngineError)
        {
            throw e.As(ErrorCatalog.ImportFailed);
        }
    }

    /// <summary>An image name or id as a path segment: names have slashes, which the engine's routes take as they are.</summary>
    private static string PathOf(string image) => Uri.EscapeDataString(image).Replace("%2F", "/", StringComparison.Ordinal);
}
