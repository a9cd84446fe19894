using System.Runtime.ExceptionServices;
using System.Text.Json;
using Docker.DotNet.Models;
using DockerPS.Archive;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>What a copy produced: where it ended up, and archive entries it could not create locally.</summary>
public sealed record CopyResult(string Path, IReadOnlyList<string> Skipped);

/// <summary>
/// <c>docker cp</c> and <c>docker export</c>: archives streamed between the local file system and a container,
/// never held whole in memory or in a temporary file, with the CLI's copy rules (<see cref="CopyRules"/>). A
/// container that does not exist is a <see cref="Errors.ErrorCatalog.NotFound"/> failure; everything else that stops
/// a copy is a <see cref="CopyException"/>.
/// </summary>
public static class ContainerCopyOperations
{
    private const string PathStatHeader = "X-Docker-Container-Path-Stat";
    private static readonly JsonSerializerOptions StatJson = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The path in the container, or null when there is nothing there.</summary>
    public static async Task<ContainerPathInfo?> StatAsync(DockerEngine engine, string container, string path, CancellationToken cancellationToken)
    {
        path = ContainerPath(path);
        try
        {
            return await engine.SendAsync(HttpMethod.Head, ArchiveQuery(container, path), null,
                (response, _) => Task.FromResult(PathInfo(engine, container, path, response)), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
        {
            await EnsureContainerAsync(engine, container, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary><c>docker cp LOCAL CONTAINER:PATH</c>: the local item, archived as it is read and uploaded as it is archived.</summary>
    public static async Task<CopyResult> CopyToContainerAsync(DockerEngine engine, string localPath, string container, string containerPath,
        TransferProgress progress, CancellationToken cancellationToken)
    {
        var source = ArchiveSource.Locate(localPath);
        var sourceIsDirectory = source is DirectoryInfo;
        var (destination, kind) = await ContainerDestinationAsync(engine, container, ContainerPath(containerPath), cancellationToken).ConfigureAwait(false);
        var plan = CopyRules.Plan(localPath, sourceIsDirectory, destination, kind);
        if (kind == PathKind.Missing)
        {
            var parent = await StatAsync(engine, container, plan.ExtractTo, cancellationToken).ConfigureAwait(false);
            if (parent is not { IsDirectory: true })
            {
                throw parent is null
                    ? new CopyException(ErrorCatalog.DestinationParentNotFound, $"The directory '{plan.ExtractTo}' does not exist in container {container}.", containerPath)
                    : new CopyException(ErrorCatalog.NotADirectory, $"'{plan.ExtractTo}' is not a directory in container {container}.", containerPath);
            }
        }
        else if (kind == PathKind.Directory && plan.Result != plan.ExtractTo
            && await StatAsync(engine, container, plan.Result, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            // The engine would refuse this too, but only after the upload and in words rather than a status.
            Conflict(existing.IsDirectory, sourceIsDirectory, $"{container}:{plan.Result}");
        }

        var archive = ArchiveSource.Scan(source, plan.ArchiveRoot);
        using var content = new ArchiveContent(archive, progress);
        try
        {
            await engine.SendAsync(HttpMethod.Put, ArchiveQuery(container, plan.ExtractTo) + "&noOverwriteDirNonDir=true", content,
                (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException) when (content.Failure is { } local)
        {
            ExceptionDispatchInfo.Throw(local);
        }
        catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
        {
            await EnsureContainerAsync(engine, container, cancellationToken).ConfigureAwait(false);
            throw new CopyException(ErrorCatalog.DestinationParentNotFound, $"The directory '{plan.ExtractTo}' does not exist in container {container}.", containerPath, e);
        }
        return new CopyResult(plan.Result, []);
    }

    /// <summary><c>docker cp CONTAINER:PATH LOCAL</c>: the container's archive of the path, extracted as it arrives.</summary>
    public static async Task<CopyResult> CopyFromContainerAsync(DockerEngine engine, string container, string containerPath, string localPath,
        TransferProgress progress, CancellationToken cancellationToken)
    {
        var (destination, kind) = LocalDestination(localPath);
        var sourcePath = ContainerPath(containerPath);
        try
        {
            return await engine.SendAsync(HttpMethod.Get, ArchiveQuery(container, sourcePath), null, async (response, ct) =>
            {
                var source = PathInfo(engine, container, sourcePath, response);
                var plan = CopyRules.Plan(sourcePath, source.IsDirectory, destination, kind);
                if (!source.IsDirectory && !source.IsSymbolicLink)
                {
                    progress.Total = source.Size;
                }
                var rename = new ArchiveRename(plan.SourceBase, plan.ArchiveRoot);
                var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                var extraction = await ArchiveExtractor.ExtractAsync(body, plan.ExtractTo, rename, progress, ct).ConfigureAwait(false);
                return new CopyResult(plan.Result, extraction.Skipped);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
        {
            await EnsureContainerAsync(engine, container, cancellationToken).ConfigureAwait(false);
            throw new CopyException(ErrorCatalog.ContainerPathNotFound, $"Cannot find '{sourcePath}' in container {container}.", containerPath, e);
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.EngineError && PosixPath.AssertsDirectory(sourcePath))
        {
            // The engine fails a file named as a directory ('file/') with a bare 500; say what it means.
            if (await TryStatAsync(engine, container, PosixPath.Clean(sourcePath), cancellationToken).ConfigureAwait(false) is { IsDirectory: false })
            {
                throw new CopyException(ErrorCatalog.NotADirectory, $"'{sourcePath}' is not a directory in container {container}.", containerPath, e);
            }
            throw;
        }
    }

    /// <summary>
    /// <c>docker export</c>: the container's file system as a tar archive, streamed into <paramref name="file"/>
    /// (created only once the engine answers; removed again if the export fails part way). Returns the bytes written.
    /// </summary>
    public static Task<long> ExportAsync(DockerEngine engine, string container, string file, bool overwrite, TransferProgress progress, CancellationToken cancellationToken) =>
        engine.SendAsync(HttpMethod.Get, $"containers/{Uri.EscapeDataString(container)}/export", null, async (response, ct) =>
        {
            await LocalFile.DownloadAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), file, overwrite, progress, ct).ConfigureAwait(false);
            return progress.Bytes;
        }, cancellationToken);

    /// <summary>docker cp treats container paths as absolute; a trailing '/' or '/.' is kept, it means something.</summary>
    private static string ContainerPath(string path) => path.StartsWith('/') ? path : "/" + path;

    private static string ArchiveQuery(string container, string path) =>
        $"containers/{Uri.EscapeDataString(container)}/archive?path={Uri.EscapeDataString(path)}";

    private static ContainerPathInfo PathInfo(DockerEngine engine, string container, string path, HttpResponseMessage response)
    {
        var header = response.Headers.TryGetValues(PathStatHeader, out var values) ? values.FirstOrDefault() : null;
        var stat = header is null ? null : JsonSerializer.Deserialize<ContainerPathStatResponse>(Convert.FromBase64String(header), StatJson);
        return new ContainerPathInfo(container, path, stat ?? throw new DockerEngineException(ErrorCatalog.EngineError,
            $"The engine sent no {PathStatHeader} header for '{path}' in container {container}."), engine);
    }

    /// <summary>
    /// Where a copy into the container lands and what is there, as the CLI sees it: a link is followed once, and a
    /// path the engine cannot stat (e.g. one under a file) counts as missing.
    /// </summary>
    private static async Task<(string Path, PathKind Kind)> ContainerDestinationAsync(DockerEngine engine, string container, string path, CancellationToken cancellationToken)
    {
        var stat = await TryStatAsync(engine, container, path, cancellationToken).ConfigureAwait(false);
        if (stat is { IsSymbolicLink: true, LinkTarget: { } target })
        {
            path = target.StartsWith('/') ? target : PosixPath.Join(PosixPath.SplitEntry(path).Dir, target);
            stat = await TryStatAsync(engine, container, path, cancellationToken).ConfigureAwait(false);
        }
        return (path, stat is null ? PathKind.Missing : stat.IsDirectory ? PathKind.Directory : PathKind.File);
    }

    private static async Task<ContainerPathInfo?> TryStatAsync(DockerEngine engine, string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await StatAsync(engine, container, path, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.EngineError)
        {
            return null;
        }
    }

    /// <summary>
    /// Where a copy out of the container lands and what is there, as the CLI's <c>CopyInfoDestinationPath</c>
    /// sees it: links at the end followed, and the parent of a missing destination must be a directory.
    /// </summary>
    internal static (string Path, PathKind Kind) LocalDestination(string path)
    {
        RequireDirectory(PosixPath.Dir(PosixPath.Clean(path)), path);
        for (var links = 0; ; links++)
        {
            var item = ArchiveSource.Lstat(path.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/");
            if (item is null)
            {
                RequireDirectory(PosixPath.SplitEntry(path).Dir, path);
                return (path, PathKind.Missing);
            }
            if (item.LinkTarget is not { } target)
            {
                if (item is not DirectoryInfo && PosixPath.HasTrailingSeparator(path))
                {
                    throw new CopyException(ErrorCatalog.NotADirectory, $"The local path '{path}' is not a directory.", path);
                }
                return (path, item is DirectoryInfo ? PathKind.Directory : PathKind.File);
            }
            if (links == 10)
            {
                throw new CopyException(ErrorCatalog.LocalFileError, $"Too many symbolic links in '{path}'.", path);
            }
            path = target.StartsWith('/') ? target : PosixPath.Join(PosixPath.SplitEntry(path).Dir, target);
        }
    }

    private static void RequireDirectory(string directory, string path)
    {
        if (!Directory.Exists(directory))
        {
            throw File.Exists(directory)
                ? new CopyException(ErrorCatalog.NotADirectory, $"'{directory}' is not a directory.", path)
                : new CopyException(ErrorCatalog.DestinationParentNotFound, $"The directory '{directory}' does not exist.", path);
        }
    }

    /// <summary>A directory is never replaced by a non-directory, nor the other way round.</summary>
    private static void Conflict(bool existingIsDirectory, bool sourceIsDirectory, string path)
    {
        if (existingIsDirectory && !sourceIsDirectory)
        {
            throw new CopyException(ErrorCatalog.FileOntoDirectory, $"Cannot overwrite the directory '{path}' with a non-directory.", path);
        }
        if (!existingIsDirectory && sourceIsDirectory)
        {
            throw new CopyException(ErrorCatalog.DirectoryOntoFile, $"Cannot overwrite the non-directory '{path}' with a directory.", path);
        }
    }

    /// <summary>Throws the engine's NotFound when the container itself does not exist.</summary>
    private static Task EnsureContainerAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        ContainerOperations.InspectAsync(engine, container, cancellationToken);
}
