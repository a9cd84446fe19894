using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary>
/// A connection the engine upgraded to a container process's raw streams (attach, exec start): read the output as
/// lines until the process's streams end, write its stdin if it was attached, then dispose it. Read the output while
/// writing large input: a process that cannot write its output stops reading its input.
/// </summary>
public class OutputSession : IDisposable
{
    private readonly string _container;
    private readonly bool _tty;
    private readonly string _resizePath;

    internal OutputSession(DockerEngine engine, string container, HijackedStream stream, bool tty, string resizePath)
    {
        Engine = engine;
        _container = container;
        Stream = stream;
        _tty = tty;
        _resizePath = resizePath;
    }

    private protected DockerEngine Engine { get; }

    private protected HijackedStream Stream { get; }

    /// <summary>The process's output until it ends; with a TTY everything is stdout.</summary>
    public IAsyncEnumerable<ContainerLogLine> ReadAsync(CancellationToken cancellationToken) =>
        OutputDecoder.ReadAsync(Stream, _container, Engine, multiplexed: !_tty, timestamps: false, cancellationToken);

    /// <summary>The process's output as it comes, byte for byte (a TTY's, for a terminal), until it ends.</summary>
    public async Task CopyOutputAsync(Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            await Stream.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Engine.Failure(e);
        }
    }

    /// <summary>Sets the size of the process's TTY, in columns and rows.</summary>
    public Task ResizeAsync(int width, int height, CancellationToken cancellationToken) =>
        Engine.SendAsync(HttpMethod.Post, FormattableString.Invariant($"{_resizePath}?h={height}&w={width}"), null, (_, _) => Task.FromResult(true), cancellationToken);

    public async Task WriteAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        try
        {
            await Stream.WriteAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Engine.Failure(e);
        }
    }

    /// <summary>Ends the process's stdin: it reads end-of-file after what was written.</summary>
    public void CloseInput()
    {
        try
        {
            Stream.CloseWrite();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            throw Engine.Failure(e);
        }
    }

    public void Dispose() => Stream.Dispose();
}
