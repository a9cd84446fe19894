using System.Diagnostics;
using System.Runtime.Versioning;

namespace DockerPS.Tests.Harness;

/// <summary>A real ssh-agent (OpenSSH's, in the foreground) on a socket of its own, stopped on dispose.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SshAgentProcess : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dockerps-agent-").FullName;
    private readonly Process _agent;

    public SshAgentProcess()
    {
        Socket = Path.Combine(_directory, "agent.sock");
        var start = new ProcessStartInfo("ssh-agent", ["-D", "-a", Socket]) { RedirectStandardOutput = true, RedirectStandardError = true };
        // No way to ask for a confirmation: a key added with -c is refused.
        start.Environment.Remove("DISPLAY");
        start.Environment["SSH_ASKPASS"] = "/bin/false";
        _agent = Process.Start(start)!;
        if (!SpinWait.SpinUntil(() => File.Exists(Socket), TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("ssh-agent did not create its socket.");
        }
    }

    public string Socket { get; }

    /// <summary>
    /// Adds an unencrypted key file (a copy, as ssh-add wants it private to the user); with <paramref name="confirm"/>,
    /// each use must be confirmed (ssh-add -c), which this agent, without a display or askpass program, refuses.
    /// </summary>
    public void Add(string keyFile, bool confirm = false)
    {
        var copy = Path.Combine(_directory, Path.GetFileName(keyFile));
        File.Copy(keyFile, copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Run("ssh-add", confirm ? ["-c", copy] : [copy]);
    }

    /// <summary>Adds a copy of a passphrase-protected key with the passphrase removed.</summary>
    public void Add(string keyFile, string passphrase)
    {
        var copy = Path.Combine(_directory, Path.GetFileName(keyFile) + ".plain");
        File.Copy(keyFile, copy, overwrite: true);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Run("ssh-keygen", "-q", "-p", "-P", passphrase, "-N", "", "-f", copy);
        Run("ssh-add", copy);
    }

    private void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SSH_AUTH_SOCK"] = Socket;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}");
        }
    }

    public void Dispose()
    {
        _agent.Kill();
        _agent.WaitForExit();
        _agent.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
