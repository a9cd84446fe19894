using DockerPS.Terminal;

namespace DockerPS.Commands;

/// <summary>
/// The console side of the interactive sessions of Enter-, Connect- and Invoke-DockerContainer: their -DetachKeys, the
/// check that PowerShell runs in a terminal, and a session on it in raw mode.
/// </summary>
internal static class InteractiveTerminal
{
    /// <summary>-DetachKeys parsed; text docker does not know stops the cmdlet with InvalidDetachKeys.</summary>
    public static DetachKeys Parse(DockerCmdlet cmdlet, string[] detachKeys)
    {
        try
        {
            return InvalidParameterSyntaxException.Parse("DetachKeys", string.Join(',', detachKeys), DetachKeys.Parse);
        }
        catch (InvalidParameterSyntaxException e)
        {
            cmdlet.ThrowTerminatingError(DockerCmdlet.ErrorFor(e, null));
            throw;
        }
    }

    /// <summary>Stops the cmdlet with TerminalRequired off a terminal; <paramref name="instead"/> says what works there.</summary>
    public static void Require(DockerCmdlet cmdlet, string instead)
    {
        if (!RawTerminal.Available)
        {
            cmdlet.ThrowTerminatingError(DockerCmdlet.ErrorFor(ErrorCatalog.TerminalRequired, new InvalidOperationException(
                $"{cmdlet.MyInvocation.MyCommand.Name} needs a terminal: this PowerShell's stdin or stdout is redirected, or it runs on Windows. {instead}"), null));
        }
    }

    /// <summary>Connects the console, in raw mode until the session ends, to the process of <paramref name="session"/>.</summary>
    public static TerminalSessionEnd Run(DockerCmdlet cmdlet, OutputSession session, DetachKeys detachKeys)
    {
        using var terminal = RawTerminal.Open();
        return cmdlet.Await(ct => TerminalSession.RunAsync(session, terminal, detachKeys, ct));
    }
}
