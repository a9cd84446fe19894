using System.Net.Sockets;

namespace DockerPS.Transport;

/// <summary>
/// A connection whose reads and writes block the calling thread (the async methods complete before they return).
/// Disposing it, as the HTTP stack does when a read is cancelled, shuts the socket down, which ends a read blocked in it.
/// </summary>
internal sealed class BlockingSocketStream(Socket socket) : DuplexStream
{
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return socket.Receive(buffer);
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            while (!buffer.IsEmpty)
            {
                buffer = buffer[socket.Send(buffer)..];
            }
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Not connected any more.
            }
            socket.Dispose();
        }
        base.Dispose(disposing);
    }
}
