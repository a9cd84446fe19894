using DockerPS.Terminal;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker exec -it</c>: an interactive session in a running container, in the console PowerShell runs in. The
/// command (a shell, <c>sh</c> by default) runs on a TTY; the console is switched to raw mode, so every key goes to it
/// and its output to the console, not the pipeline, until it exits (its exit code is $LASTEXITCODE, as with
/// Invoke-DockerExec) or the detach keys leave it running (its exec instance is then written).
/// </summary>
[Cmdlet(VerbsCommon.Enter, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerExec))]
public sealed class EnterDockerContainerCommand : ExecCmdlet
{
    private DetachKeys _detachKeys = null!;

    /// <summary>The command and its arguments; takes every argument after the container. <c>sh</c> when omitted.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = ["sh"];

    /// <summary>The keys that leave the session with the command running, in docker's <c>--detach-keys</c> syntax (a list is joined with commas).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] DetachKeys { get; set; } = [Terminal.DetachKeys.Default];

    protected override void BeginProcessing()
    {
        _detachKeys = InteractiveTerminal.Parse(this, DetachKeys);
        InteractiveTerminal.Require(this, "Use Invoke-DockerExec to run a command with piped input (-Input) and its output as objects.");
    }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, $"Enter an interactive session running '{CommandText(Command)}'"))
        {
            return;
        }
        var engine = TargetEngine;
        using var session = Await(ct => ExecOperations.StartAsync(engine, container, Options(Command, tty: true, input: true, _detachKeys.Text), ct));
        var end = InteractiveTerminal.Run(this, session, _detachKeys);
        var exec = Await(ct => ExecOperations.InspectAsync(engine, session.Id, ct));
        if (end == TerminalSessionEnd.Detached)
        {
            WriteObject(exec);
            return;
        }
        new ProcessOutput(this).Exit((int)(exec.ExitCode ?? 0), ErrorCatalog.ExecExitCode, CommandText(Command), container);
    }
}
