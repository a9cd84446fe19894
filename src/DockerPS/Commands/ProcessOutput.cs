namespace DockerPS.Commands;

/// <summary>
/// A container process's output as PowerShell shows a native command's (exec, run): stdout lines are the pipeline
/// output, as strings; stderr lines go to the information stream as host messages tagged <c>stderr</c>, so the host
/// prints them like Write-Host output while 6&gt;&amp;1 and -InformationVariable capture them, and they never trip
/// -ErrorAction Stop. The exit code becomes $LASTEXITCODE, and a non-zero one an error carrying the last lines.
/// </summary>
internal sealed class ProcessOutput(PSCmdlet cmdlet)
{
    public const string StderrTag = "stderr";

    /// <summary>How many of the last lines an exit error keeps.</summary>
    public const int TailLines = 20;

    /// <summary>How many of them its message quotes.</summary>
    private const int MessageLines = 5;

    private static readonly string[] StderrTags = [StderrTag, "PSHOST"];

    private readonly Queue<string> _tail = new();

    public void Write(ContainerLogLine line)
    {
        if (_tail.Count == TailLines)
        {
            _tail.Dequeue();
        }
        _tail.Enqueue(line.Text);
        if (line.Stream == ContainerLogLine.StandardError)
        {
            cmdlet.WriteInformation(new HostInformationMessage { Message = line.Text }, StderrTags);
        }
        else
        {
            cmdlet.WriteObject(line.Text);
        }
    }

    /// <summary>Sets $global:LASTEXITCODE and, when the process failed, writes <see cref="ExitError"/>.</summary>
    public void Exit(int exitCode, ErrorCode error, string command, string container)
    {
        cmdlet.SessionState.PSVariable.Set("global:LASTEXITCODE", exitCode);
        if (exitCode != 0)
        {
            cmdlet.WriteError(ExitError(exitCode, error, command, container));
        }
    }

    /// <summary>A non-zero exit as a non-terminating error: the command, the container, the code and the last lines written.</summary>
    public ErrorRecord ExitError(int exitCode, ErrorCode error, string command, string container)
    {
        var tail = _tail.ToArray();
        var message = $"'{command}' in container {container} exited with code {exitCode}.";
        if (tail.Length > 0)
        {
            message += " Last output:" + string.Concat(tail.TakeLast(MessageLines).Select(line => Environment.NewLine + "  " + line));
        }
        return DockerCmdlet.ErrorFor(new ContainerExitException(error, message, exitCode, tail), container);
    }
}
