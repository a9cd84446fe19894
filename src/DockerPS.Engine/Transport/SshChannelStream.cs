using System.IO.Pipelines;
using System.Runtime.InteropServices;
using DockerPS.Errors;
using Renci.SshNet;

namespace DockerPS.Transport;

/// <summary>
/// One engine connection over SSH: the stdin and stdout of a remote <c>docker system dial-stdio</c>.
/// SSH.NET's output stream only blocks, and the HTTP pool keeps a read pending on every idle connection, so a thread
/// of its own per channel moves the output into a <see cref="Pipe"/> that is read asynchronously: no thread-pool
/// thread is ever parked on an idle channel.
/// </summary>
internal sealed class SshChannelStream : DuplexStream, IWriteClosable
{
    private const int ReadSize = 32 * 1024;

    /// <summary>How long a command that sent nothing may take to report its exit status after its output ended.</summary>
    private static readonly TimeSpan ExitStatusWait = TimeSpan.FromSeconds(5);

    private readonly SshCommand _command;
    private readonly Task _ended;
    private readonly Stream _input;
    private readonly Pipe _received = new(new PipeOptions(useSynchronizationContext: false));
    private readonly Stream _output;
    private readonly string _host;
    private readonly Action? _release;
    private int _disposed;
    private int _writeClosed;
    private volatile bool _remoteEnded;

    public SshChannelStream(SshCommand command, Task ended, string host, Action? release)
    {
        _command = command;
        _ended = ended;
        _host = host;
        _release = release;
        _input = command.CreateInputStream();
        _output = _received.Reader.AsStream();
        new Thread(Pump) { IsBackground = true, Name = "DockerPS SSH channel" }.Start();
    }

    public override bool CanCloseWrite => true;

    private void Pump()
    {
        var writer = _received.Writer;
        long total = 0;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(ReadSize);
                var segment = MemoryMarshal.TryGetArray<byte>(memory, out var array) ? array : throw new InvalidOperationException("The pipe's memory is not an array.");
                var read = _command.OutputStream.Read(segment.Array!, segment.Offset, segment.Count);
                if (read == 0)
                {
                    break;
                }
                total += read;
                writer.Advance(read);
                if (writer.FlushAsync().AsTask().GetAwaiter().GetResult().IsCompleted)
                {
                    break;
                }
            }
            _remoteEnded = true;
            writer.Complete(total == 0 ? RemoteFailure() : null);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _remoteEnded = true;
            writer.Complete(new IOException($"The SSH channel to {_host} failed: {e.Message}", e));
        }
    }

    /// <summary>
    /// The remote command ended without a byte of output: when it failed (docker missing, no engine on the remote host),
    /// its exit status and stderr say why, instead of an HTTP "response ended prematurely".
    /// </summary>
    private DockerEngineException? RemoteFailure()
    {
        // The output's end (the channel's EOF) can come before the exit status, which the channel's close follows.
        try
        {
            _ended.Wait(ExitStatusWait);
        }
        catch (AggregateException)
        {
            // A channel that failed has no status to tell; the caller says the connection ended.
        }
        var status = _command.ExitStatus;
        if (status is null or 0)
        {
            return null;
        }
        var error = _command.Error.Trim();
        return status == 127
            ? new DockerEngineException(ErrorCatalog.SshRemoteDockerMissing,
                $"There is no docker command on {_host} for '{SshTransport.DialCommand}' (exit status 127): {error}")
            : new DockerEngineException(ErrorCatalog.EngineUnreachable,
                $"'{SshTransport.DialCommand}' failed on {_host} (exit status {status}): {error}");
    }

    public override int Read(byte[] buffer, int offset, int count) => _output.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _output.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _output.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _output.ReadAsync(buffer, offset, count, cancellationToken);

    /// <summary>Sending only waits when the server's window is full; SSH.NET has no asynchronous send.</summary>
    public override void Write(byte[] buffer, int offset, int count) => Send(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Send(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// SSH.NET refuses input once the remote command has ended ("The input stream can be used only during execution"),
    /// which a command that fails at once (docker missing) can do before the request is sent: say why it ended, as a
    /// read would.
    /// </summary>
    private void Send(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _input.Write(buffer);
        }
        catch (InvalidOperationException e)
        {
            throw RemoteFailure() is { } failure ? new IOException(failure.Message, failure) : new IOException($"The SSH channel to {_host} ended: {e.Message}", e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => _input.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Sends EOF (stdin ends for the engine). Disposing SSH.NET's input stream is the only way to send it, and that
    /// checks only that the channel is open, not whether the server has already closed it: an EOF that arrives after
    /// both sides' CLOSE makes OpenSSH drop the whole connection. So no EOF once the remote side has ended.
    /// </summary>
    public override void CloseWrite()
    {
        if (!_remoteEnded && Interlocked.Exchange(ref _writeClosed, 1) == 0)
        {
            _input.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _received.Reader.Complete();
            // Closes the channel first (SSH.NET sends EOF and CLOSE there only while the server has sent neither, under
            // the channel's lock), and only then its input stream, which finds the channel closed and sends nothing.
            // Disposing the input stream first would race with a server that is closing the channel. Closing waits for
            // the server's CLOSE, which comes once the remote dial-stdio has ended (~0.1 s): not on the caller's thread,
            // which may be a pipeline that wants no more items.
            _ = Task.Run(() =>
            {
                _command.Dispose();
                _release?.Invoke();
            });
        }
        base.Dispose(disposing);
    }
}
