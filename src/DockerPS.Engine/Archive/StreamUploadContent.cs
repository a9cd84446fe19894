using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace DockerPS.Archive;

/// <summary>
/// A local file or stream as a request body, read as it is sent (never held whole), counting the bytes sent into a
/// <see cref="TransferProgress"/>: first <c>head</c>, bytes already read from the stream (to tell what it holds), then
/// the rest of the stream from where it is. Its length is sent when the stream knows it.
/// </summary>
internal sealed class StreamUploadContent : HttpContent, IUploadContent
{
    private readonly Stream _stream;
    private readonly ReadOnlyMemory<byte> _head;
    private readonly string _source;
    private readonly bool _ownsStream;
    private readonly TransferProgress _progress;

    /// <param name="source">The file, or the words for the stream, in a read failure's message.</param>
    public StreamUploadContent(Stream stream, ReadOnlyMemory<byte> head, string source, bool ownsStream, string mediaType, TransferProgress progress)
    {
        _stream = stream;
        _head = head;
        _source = source;
        _ownsStream = ownsStream;
        _progress = progress;
        _progress.Total = Length ?? -1;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>A local file, opened now, so a missing file fails before any request.</summary>
    public static StreamUploadContent FromFile(string path, string mediaType, TransferProgress progress) =>
        new(LocalFile.OnDisk(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan)),
            ReadOnlyMemory<byte>.Empty, path, ownsStream: true, mediaType, progress);

    public CopyException? Failure { get; private set; }

    private long? Length => _stream.CanSeek ? _head.Length + _stream.Length - _stream.Position : null;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!_head.IsEmpty)
        {
            await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
            _progress.Add(_head.Length);
        }
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
            return await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            throw Failure = LocalFile.Failure(_source, e, "read");
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = Length ?? 0;
        return Length is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsStream)
        {
            _stream.Dispose();
        }
        base.Dispose(disposing);
    }
}
