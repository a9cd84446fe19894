using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary>
/// A started exec process's connection: its output as lines, its stdin. Read the output while writing large input:
/// a process that cannot write its output stops reading its input.
/// </summary>
public sealed class ExecSession : OutputSession
{
    internal ExecSession(DockerEngine engine, string container, string id, HijackedStream stream, bool tty)
        : base(engine, container, stream, tty)
    {
        Id = id;
    }

    /// <summary>The exec instance's id, for <see cref="ExecOperations.InspectAsync"/> (its exit code once the output has ended).</summary>
    public string Id { get; }

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
}
