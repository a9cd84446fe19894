using System.Buffers;
using DockerPS.Errors;

namespace DockerPS.Archive;

/// <summary>
/// Local file-system steps of a transfer. Their failures are reported as <see cref="ErrorCatalog.LocalFileError"/>:
/// an <see cref="IOException"/> from the local disk must not read as the engine's connection failing.
/// </summary>
internal static class LocalFile
{
    /// <summary>
    /// Not preallocated to the size an archive header gives: that is the archive's word, and a forged one would take
    /// the disk before any data came.
    /// </summary>
    public static FileStream Create(string path, FileMode mode) =>
        OnDisk(path, () => new FileStream(path, new FileStreamOptions { Mode = mode, Access = FileAccess.Write, BufferSize = 0 }));

    /// <summary>Copies a stream into a file as it arrives, adding the bytes written to <paramref name="progress"/>.</summary>
    public static async Task CopyAsync(Stream source, FileStream file, TransferProgress progress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ArchiveSource.BufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                try
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw Failure(file.Name, e);
                }
                progress.Add(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Streams a download into <paramref name="path"/>, created only now (so nothing is touched when the engine
    /// refused the request) and removed again if the download fails or is cancelled part way: no partial file stays.
    /// </summary>
    public static async Task DownloadAsync(Stream source, string path, bool overwrite, TransferProgress progress, CancellationToken cancellationToken)
    {
        var output = Create(path, overwrite ? FileMode.Create : FileMode.CreateNew);
        try
        {
            await using (output.ConfigureAwait(false))
            {
                await CopyAsync(source, output, progress, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Runs a local file-system step, reporting its failure as the local failure it is.</summary>
    public static T OnDisk<T>(string path, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(path, e);
        }
    }

    public static void OnDisk(string path, Action step) => OnDisk(path, () =>
    {
        step();
        return true;
    });

    public static CopyException Failure(string path, Exception e, string action = "write") =>
        new(ErrorCatalog.LocalFileError, $"Cannot {action} '{path}': {e.Message}", path, e);
}
