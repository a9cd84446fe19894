using System.Net;
using System.Net.Http.Headers;

namespace DockerPS.Archive;

/// <summary>An upload body written while it is sent: the archive is produced straight into the request stream.</summary>
internal sealed class ArchiveContent : HttpContent, IUploadContent
{
    private readonly ArchiveSource _source;
    private readonly TransferProgress _progress;

    public ArchiveContent(ArchiveSource source, TransferProgress progress)
    {
        _source = source;
        _progress = progress;
        Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
    }

    /// <summary>A local failure while archiving, which the HTTP stack would otherwise report as its own.</summary>
    public CopyException? Failure { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        try
        {
            await _source.WriteAsync(stream, _progress, cancellationToken).ConfigureAwait(false);
        }
        catch (CopyException e)
        {
            Failure = e;
            throw;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
