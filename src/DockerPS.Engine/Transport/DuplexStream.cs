using Docker.DotNet.Handler.Abstractions;

namespace DockerPS.Transport;

/// <summary>
/// A connection as one stream, read and written at once, with no length or position: the members of
/// <see cref="Stream"/> a connection does not have, once. A <see cref="WriteClosableStream"/>, which Docker.DotNet takes
/// for a hijacked connection; only streams that can end their sending side alone override <see cref="CloseWrite"/>.
/// </summary>
internal abstract class DuplexStream : WriteClosableStream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override bool CanCloseWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void CloseWrite() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
