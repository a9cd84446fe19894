namespace DockerPS.Transport;

/// <summary>
/// An upgraded connection: reads and writes go through the HTTP stack's upgraded stream (which holds any bytes it
/// already buffered), <see cref="CloseWrite"/> goes to the transport underneath.
/// </summary>
internal sealed class HijackedStream(Stream raw, IWriteClosable transport, IDisposable connection) : DuplexStream
{
    public override bool CanCloseWrite => true;

    /// <summary>Ends the input: everything written so far is sent, then the engine reads end-of-stream.</summary>
    public override void CloseWrite()
    {
        raw.Flush();
        transport.CloseWrite();
    }

    public override int Read(byte[] buffer, int offset, int count) => raw.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        raw.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        raw.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => raw.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        raw.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        raw.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => raw.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => raw.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            raw.Dispose();
            connection.Dispose();
        }
        base.Dispose(disposing);
    }
}
