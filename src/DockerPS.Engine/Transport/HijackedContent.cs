using System.Net;

namespace DockerPS.Transport;

/// <summary>The body of an upgraded response: the raw connection, readable and writable.</summary>
internal sealed class HijackedContent(HijackedStream stream) : HttpContent
{
    public HijackedStream Stream { get; } = stream;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        throw new NotSupportedException("A hijacked connection is read as a stream, not copied.");

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(Stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Stream.Dispose();
        }
        base.Dispose(disposing);
    }
}
