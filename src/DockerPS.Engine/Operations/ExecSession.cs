using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary>
/// A started exec process's connection: its output as lines, its stdin. Read the output while writing large input:
/// a process that cannot write its output stops reading its input.
/// </summary>
public sealed class ExecSession : IDisposable
{
    private readonly DockerEngine _engine;
    private readonly string _container;
    private readonly HijackedStream _stream;
    private readonly bool _tty;

    internal ExecSession(DockerEngine engine, string container, string id, HijackedStream stream, bool tty)
    {
        _engine = engine;
        _container = container;
        Id = id;
        _stream = stream;
        _tty = tty;
    }

    /// <summary>The exec instance's id, for <see cref="ExecOperations.InspectAsync"/> (its exit code once the output has ended).</summary>
    public string Id { get; }

    /// <summary>The process's output until it ends; with a TTY everything is stdout.</summary>
    public IAsyncEnumerable<ContainerLogLine> ReadAsync(CancellationToken cancellationToken) =>
        OutputDecoder.ReadAsync(_stream, _container, _engine, multiplexed: !_tty, timestamps: false, cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw _engine.Failure(e);
        }
    }

    /// <summary>Ends the process's stdin: it reads end-of-file after what was written.</summary>
    public void CloseInput()
    {
        try
        {
            _stream.CloseWrite();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            throw _engine.Failure(e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
