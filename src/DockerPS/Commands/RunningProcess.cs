using System.Text;

namespace DockerPS.Commands;

/// <summary>
/// A started container process (Invoke-DockerExec, Invoke-DockerContainer): its stdin written (when <paramref name="stdin"/>
/// is attached) and its output passed on (see <see cref="ProcessOutput"/>), both from the pipeline thread, then its exit
/// code reported.
/// </summary>
internal sealed class RunningProcess(DockerCmdlet cmdlet, OutputSession session, bool stdin, string container, string command, ErrorCode exitError,
    Func<CancellationToken, Task<long>> exitCode) : IDisposable
{

    private readonly ProcessOutput _output = new(cmdlet);
    private readonly IAsyncEnumerator<ContainerLogLine> _lines = session.ReadAsync(cmdlet.Cancellation).GetAsyncEnumerator(cmdlet.Cancellation);
    private Task<bool>? _next;
    private bool _ended;

    public string Container => container;

    /// <summary>
    /// Where a cmdlet's stdin comes from: -Input when given, else the piped objects when what to run in was named on the
    /// command line (piped objects then bind to -Input too; otherwise they name what to run in). -Detach with either is
    /// refused (InputWithDetach): a detached process has no stdin.
    /// </summary>
    public static (bool Piped, object? Given) InputOf(PSCmdlet cmdlet, object? input, bool targetNamed, bool detach)
    {
        var given = cmdlet.MyInvocation.BoundParameters.ContainsKey("Input");
        var piped = cmdlet.MyInvocation.ExpectingInput && !given && targetNamed;
        if (detach && (piped || given))
        {
            cmdlet.ThrowTerminatingError(DockerCmdlet.ErrorFor(ErrorCatalog.InputWithDetach,
                new ArgumentException("-Detach starts a process without stdin: do not pipe or pass -Input to it."), null));
        }
        return (piped, given ? input : null);
    }

    /// <summary>What goes to stdin for one input object: bytes as they are; text, and anything else as its string, as a UTF-8 line.</summary>
    internal static byte[] Encode(object? input)
    {
        var value = input is PSObject wrapped ? wrapped.BaseObject : input;
        switch (value)
        {
            case null:
                return [];
            case byte[] bytes:
                return bytes;
            case byte single:
                return [single];
            case string text:
                return Encoding.UTF8.GetBytes(text + "\n");
        }
        if (LanguagePrimitives.GetEnumerable(value) is { } items)
        {
            using var all = new MemoryStream();
            foreach (var item in items)
            {
                all.Write(Encode(item));
            }
            return all.ToArray();
        }
        return Encoding.UTF8.GetBytes(LanguagePrimitives.ConvertTo<string>(value) + "\n");
    }

    /// <summary>
    /// Writes one input object to stdin, passing output on meanwhile (a process whose output is not read stops
    /// reading its input) and then what has arrived so far. Input for a process that has ended is dropped.
    /// </summary>
    public void Send(object? input)
    {
        var bytes = Encode(input);
        if (_ended || bytes.Length == 0)
        {
            return;
        }
        var write = session.WriteAsync(bytes, cmdlet.Cancellation);
        while (!write.IsCompleted && !_ended)
        {
            _next ??= _lines.MoveNextAsync().AsTask();
            Task.WaitAny(write, _next);
            if (_next.IsCompleted)
            {
                Take(cmdlet.Await(_next));
            }
        }
        try
        {
            cmdlet.Await(write);
        }
        catch (DockerEngineException) when (_ended)
        {
            // The process ended and the engine closed its stdin.
        }
        while (!_ended && (_next ??= _lines.MoveNextAsync().AsTask()).IsCompleted)
        {
            Take(cmdlet.Await(_next));
        }
    }

    /// <summary>Closes stdin (so the process reads end-of-file), passes on the rest of the output, then reports the exit code.</summary>
    public void Finish()
    {
        if (stdin && !_ended)
        {
            session.CloseInput();
        }
        while (!_ended)
        {
            Take(_next is null ? cmdlet.MoveNext(_lines) : cmdlet.Await(_next));
        }
        _output.Exit(ExitCode(), exitError, command, container);
    }

    /// <summary>
    /// The exit code, asked once the output has ended. An engine that cannot be reached then went while the process ran
    /// (its output ended with the connection): the connection was lost during the operation.
    /// </summary>
    private int ExitCode()
    {
        try
        {
            return (int)cmdlet.Await(exitCode);
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.EngineUnreachable)
        {
            throw new DockerEngineException(ErrorCatalog.EngineConnectionLost,
                $"The connection was lost during the operation: the output of {command} in {container} ended, and then: {e.Message}", e, target: e.Target);
        }
    }

    public void Dispose()
    {
        // Closing the connection ends a read still pending; a reader waiting at a line is closed here.
        session.Dispose();
        if (_next is null)
        {
            _lines.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void Take(bool more)
    {
        _next = null;
        if (more)
        {
            _output.Write(_lines.Current);
        }
        else
        {
            _ended = true;
        }
    }
}
