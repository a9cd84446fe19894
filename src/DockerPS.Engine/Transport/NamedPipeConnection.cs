using System.IO.Pipes;
using System.Net.Sockets;

namespace DockerPS.Transport;

/// <summary>
/// A connection to a named pipe (<c>npipe://</c>, Docker's endpoint on Windows). On other systems .NET serves a pipe
/// name as a unix socket (<c>$TMPDIR/CoreFxPipe_NAME</c>), whose sending side can be shut down alone.
/// </summary>
internal sealed class NamedPipeConnection(NamedPipeClientStream pipe) : DuplexStream, IWriteClosable
{
    public static async ValueTask<Stream> ConnectAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pipe = new NamedPipeClientStream(".", name, PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(timeout, cancellationToken).ConfigureAwait(false);
            return new NamedPipeConnection(pipe);
        }
        catch (TimeoutException)
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            // Without the timeout as inner exception: the innermost message is what an unreachable engine's error shows.
            throw new IOException($"no named pipe '{name}' accepted a connection within {timeout.TotalSeconds:0} s");
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool CanCloseWrite => !OperatingSystem.IsWindows();

    /// <summary>Shuts down the sending side of the unix socket behind the pipe; a Windows pipe has no half-close here.</summary>
    public override void CloseWrite()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new NotSupportedException("Ending the input of a named-pipe connection alone is not supported on Windows.");
        }
        using var socket = new Socket(new SafeSocketHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false));
        socket.Shutdown(SocketShutdown.Send);
    }

    public override int Read(byte[] buffer, int offset, int count) => pipe.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => pipe.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => pipe.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => pipe.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => pipe.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => pipe.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => pipe.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => pipe.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => pipe.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => pipe.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pipe.Dispose();
        }
        base.Dispose(disposing);
    }
}
