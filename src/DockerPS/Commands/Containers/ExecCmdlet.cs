namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that run a command in running containers (<c>docker exec</c>): the parameters of the process besides the
/// command, each cmdlet declaring its own -Command.
/// </summary>
public abstract class ExecCmdlet : ContainerCmdlet
{
    /// <summary>Environment variables for the process: hashtables of names to values, or <c>docker exec -e</c>'s <c>NAME=value</c> and <c>NAME</c> (the caller's value).</summary>
    [Parameter]
    [ValidateNotNull]
    public object[]? Environment { get; set; }

    /// <summary>The user (name or uid, optionally :group) to run as.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The directory to run in.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>Gives the process extended privileges.</summary>
    [Parameter]
    public SwitchParameter Privileged { get; set; }

    /// <summary>A command for messages, arguments with spaces quoted.</summary>
    protected static string CommandText(IEnumerable<string> command) =>
        string.Join(' ', command.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));

    protected ExecOptions Options(IReadOnlyList<string> command, bool tty, bool input, string? detachKeys = null, (int Width, int Height)? consoleSize = null) => new()
    {
        Command = command,
        Environment = EnvironmentEntries(Environment),
        User = User,
        WorkingDirectory = WorkingDirectory,
        Tty = tty,
        Privileged = Privileged,
        Input = input,
        DetachKeys = detachKeys,
        ConsoleSize = consoleSize,
    };
}
