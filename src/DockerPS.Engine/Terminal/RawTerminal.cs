using System.Runtime.InteropServices;

namespace DockerPS.Terminal;

/// <summary>
/// The console this process runs in, switched to raw mode for an interactive session (as the docker CLI switches its
/// terminal): every key goes through as the bytes the terminal sends (Ctrl+C, escape sequences of arrows and function
/// keys), nothing is echoed or edited locally, and output is written as it comes. Disposing restores the mode it had.
/// Linux and macOS: stdin and stdout must both be the terminal.
/// </summary>
public sealed partial class RawTerminal : IDisposable
{
    private const int StandardInput = 0;
    private const int SetNow = 0;
    private const short PollIn = 1;
    private const int Interrupted = 4;

    private readonly byte[] _saved;
    private bool _restored;

    private RawTerminal(byte[] saved)
    {
        _saved = saved;
        Output = Console.OpenStandardOutput();
    }

    /// <summary>Whether this process has a terminal to make raw: stdin and stdout both on it, on Linux or macOS.</summary>
    public static bool Available =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) && !Console.IsInputRedirected && !Console.IsOutputRedirected;

    /// <summary>Where the session's output goes: the terminal itself, unbuffered.</summary>
    public Stream Output { get; }

    /// <summary>
    /// The terminal's size as columns and rows. .NET caches it, and drops the cached value on SIGWINCH only after the
    /// signal's handlers ran: read in a handler, it can still be the old size.
    /// </summary>
    public static (int Width, int Height) Size => (Console.WindowWidth, Console.WindowHeight);

    /// <summary>Switches the terminal to raw mode; check <see cref="Available"/> first.</summary>
    /// <exception cref="IOException">The terminal's mode cannot be read or set.</exception>
    public static RawTerminal Open()
    {
        // termios is 60 bytes on Linux and 72 on macOS; only libc reads it (cfmakeraw), so its layout does not matter.
        var saved = new byte[256];
        if (GetAttributes(StandardInput, saved) != 0)
        {
            throw new IOException($"Cannot read the terminal's mode (errno {Marshal.GetLastPInvokeError()}).");
        }
        var raw = (byte[])saved.Clone();
        MakeRaw(raw);
        if (SetAttributes(StandardInput, SetNow, raw) != 0)
        {
            throw new IOException($"Cannot switch the terminal to raw mode (errno {Marshal.GetLastPInvokeError()}).");
        }
        return new RawTerminal(saved);
    }

    /// <summary>
    /// Reads what was typed into <paramref name="buffer"/>, waiting at most <paramref name="timeoutMilliseconds"/>: the
    /// count read, 0 when nothing came in time, -1 when the terminal is gone.
    /// </summary>
    public static int Read(Span<byte> buffer, int timeoutMilliseconds)
    {
        var poll = new PollFd { Fd = StandardInput, Events = PollIn };
        var ready = Poll(ref poll, 1, timeoutMilliseconds);
        if (ready == 0 || ready < 0 && Marshal.GetLastPInvokeError() == Interrupted)
        {
            return 0;
        }
        if (ready < 0)
        {
            return -1;
        }
        var read = ReadBytes(StandardInput, ref MemoryMarshal.GetReference(buffer), buffer.Length);
        return read > 0 ? (int)read : read < 0 && Marshal.GetLastPInvokeError() == Interrupted ? 0 : -1;
    }

    /// <summary>Puts back the mode the terminal had.</summary>
    public void Dispose()
    {
        if (!_restored)
        {
            _restored = true;
            SetAttributes(StandardInput, SetNow, _saved);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Returned;
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, [In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int when, byte[] termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    private static partial void MakeRaw([In, Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadBytes(int fd, ref byte buffer, nint count);
}
