using System.Buffers;
using DockerPS.Errors;

namespace DockerPS.Archive;

/// <summary>
/// Local file-system steps of a transfer. Their failures are reported as <see cref="CopyFailure.LocalFileError"/>:
/// an <see cref="IOException"/> from the local disk must not read as the engine's connection failing.
/// </summary>
internal static class LocalFile
{
    public static FileStream Create(string path, FileMode mode, long expectedLength) =>
        OnDisk(path, () => new FileStream(path, new FileStreamOptions
        {
            Mode = mode, Access = FileAccess.Write, BufferSize = 0, PreallocationSize = Math.Max(0, expectedLength),
        }));

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
        new(CopyFailure.LocalFileError, $"Cannot {action} '{path}': {e.Message}", path, e);
}
