using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary>
/// A connection the engine upgraded to a container process's raw output (attach, exec start): read it as lines
/// until the process's streams end, then dispose it.
/// </summary>
public class OutputSession : IDisposable
{
    private readonly string _container;
    private readonly bool _tty;

    internal OutputSession(DockerEngine engine, string container, HijackedStream stream, bool tty)
    {
        Engine = engine;
        _container = container;
        Stream = stream;
        _tty = tty;
    }

    private protected DockerEngine Engine { get; }

    private protected HijackedStream Stream { get; }

    /// <summary>The process's output until it ends; with a TTY everything is stdout.</summary>
    public IAsyncEnumerable<ContainerLogLine> ReadAsync(CancellationToken cancellationToken) =>
        OutputDecoder.ReadAsync(Stream, _container, Engine, multiplexed: !_tty, timestamps: false, cancellationToken);

    public void Dispose() => Stream.Dispose();
}
