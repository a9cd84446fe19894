using System.Runtime.InteropServices;
using DockerPS.Operations;

namespace DockerPS.Terminal;

/// <summary>How an interactive session ended.</summary>
public enum TerminalSessionEnd
{
    /// <summary>The process's output ended: it exited (its exit code is the engine's to tell).</summary>
    Exited,

    /// <summary>The detach keys were typed: the process goes on running.</summary>
    Detached,
}

/// <summary>
/// Connects a raw terminal to a process with a TTY (exec, attach), as <c>docker exec -it</c> does: what is typed goes
/// to the process's stdin byte for byte (but for the detach keys, see <see cref="DetachKeyScanner"/>), its output goes
/// to the terminal as it comes, and the TTY takes the terminal's size at the start and on every SIGWINCH.
/// </summary>
public static class TerminalSession
{
    /// <summary>How long a read of the terminal waits before it looks whether the session ended.</summary>
    private const int ReadTimeoutMilliseconds = 100;

    /// <summary>
    /// How often a resize is tried, 10 ms later each time and twice as long as the last (10 s in all): the first can come
    /// before the process runs (the docker CLI retries too), a new size can take a moment to show on a busy machine.
    /// </summary>
    private const int Attempts = 10;

    public static async Task<TerminalSessionEnd> RunAsync(OutputSession session, RawTerminal terminal, DetachKeys detachKeys, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = session.CopyOutputAsync(terminal.Output, stop.Token);
        var input = Task.Factory.StartNew(() => PassInput(session, detachKeys.Scanner(), stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var resized = new SemaphoreSlim(0);
        // RawTerminal is not Available on Windows, which has no SIGWINCH.
        using var signal = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => resized.Release());
        var resizing = KeepSizeAsync(session, resized, stop.Token);
        try
        {
            await Task.WhenAny(output, input).ConfigureAwait(false);
            if (input.IsCompletedSuccessfully && input.Result)
            {
                return TerminalSessionEnd.Detached;
            }
            // Input ended otherwise (the terminal closed, or the process stopped reading): the output tells the rest.
            await output.ConfigureAwait(false);
            return TerminalSessionEnd.Exited;
        }
        finally
        {
            stop.Cancel();
            // Both end with the session; a write that failed because the process ended is no failure of the session.
            await Task.WhenAll(input, resizing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Passes what is typed on until the session stops; true when the detach keys ended it.</summary>
    private static bool PassInput(OutputSession session, DetachKeyScanner scanner, CancellationToken stop)
    {
        var buffer = new byte[4096];
        while (!stop.IsCancellationRequested)
        {
            var read = RawTerminal.Read(buffer, ReadTimeoutMilliseconds);
            if (read < 0)
            {
                session.CloseInput();
                return false;
            }
            var send = scanner.Scan(buffer.AsSpan(0, read), out var detach);
            if (send.Length > 0)
            {
                session.WriteAsync(send, stop).GetAwaiter().GetResult();
            }
            if (detach)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Gives the TTY the terminal's size now and after each resize of the terminal; failures are left alone.</summary>
    private static async Task KeepSizeAsync(OutputSession session, SemaphoreSlim resized, CancellationToken stop)
    {
        var size = RawTerminal.Size;
        for (var attempt = 0; attempt < Attempts && !await TryResizeAsync(session, size, stop).ConfigureAwait(false); attempt++)
        {
            await Task.Delay(10 << attempt, stop).ConfigureAwait(false);
        }
        while (true)
        {
            await resized.WaitAsync(stop).ConfigureAwait(false);
            // Until .NET has dropped its cached size (see RawTerminal.Size) the old one is read again.
            for (var attempt = 0; attempt < Attempts && RawTerminal.Size == size; attempt++)
            {
                await Task.Delay(10 << attempt, stop).ConfigureAwait(false);
            }
            size = RawTerminal.Size;
            await TryResizeAsync(session, size, stop).ConfigureAwait(false);
        }
    }

    private static async Task<bool> TryResizeAsync(OutputSession session, (int Width, int Height) size, CancellationToken stop)
    {
        try
        {
            await session.ResizeAsync(size.Width, size.Height, stop).ConfigureAwait(false);
            return true;
        }
        catch (DockerEngineException)
        {
            return false;
        }
    }
}
