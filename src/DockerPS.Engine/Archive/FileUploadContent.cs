using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace DockerPS.Archive;

/// <summary>
/// A local file as a request body, read as it is sent (never held whole), counting the bytes sent into a
/// <see cref="TransferProgress"/>. The file is opened when the content is made, so a missing file fails before any request.
/// </summary>
internal sealed class FileUploadContent : HttpContent, IUploadContent
{
    private readonly FileStream _file;
    private readonly TransferProgress _progress;

    public FileUploadContent(string path, string mediaType, TransferProgress progress)
    {
        _file = LocalFile.OnDisk(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        _progress = progress;
        _progress.Total = _file.Length;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>A local failure while reading, which the HTTP stack would otherwise report as its own.</summary>
    public CopyException? Failure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ArchiveSource.BufferSize);
        try
        {
            while (await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) is > 0 and var read)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                _progress.Add(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw Failure = LocalFile.Failure(_file.Name, e, "read");
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _file.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
