using DockerPS.Terminal;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker attach</c>: connects to the main process of running containers. One with a TTY and an open stdin (created
/// with -Tty -Interactive) gets the console, as Enter-DockerContainer gives it to an exec process: raw keys, its TTY
/// following the console's size, the detach keys leaving it running (the container is then written), its exit code
/// $LASTEXITCODE. Otherwise, and with -NoStdin, its output is written as Invoke-DockerContainer writes it, until it exits
/// or Ctrl+C stops the cmdlet (the container runs on: signals are not passed on, as with <c>--sig-proxy=false</c>).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(ContainerDetail))]
public sealed class ConnectDockerContainerCommand : ContainerCmdlet
{
    private DetachKeys _detachKeys = null!;

    /// <summary>The keys that leave the session with the container running, in docker's <c>--detach-keys</c> syntax (a list is joined with commas).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[] DetachKeys { get; set; } = [Terminal.DetachKeys.Default];

    /// <summary>Leaves stdin unattached (<c>--no-stdin</c>): the output is written as text, also from a container with a TTY.</summary>
    [Parameter]
    public SwitchParameter NoStdin { get; set; }

    protected override void BeginProcessing() => _detachKeys = InteractiveTerminal.Parse(this, DetachKeys);

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, "Attach to the container's main process"))
        {
            return;
        }
        var engine = TargetEngine;
        var detail = Await(ct => ContainerOperations.InspectRunningAsync(engine, container, ct));
        var terminal = detail.Tty && detail.OpenStdin && !NoStdin;
        if (terminal)
        {
            InteractiveTerminal.Require(this, "Use -NoStdin to receive the container's output as text.");
        }
        using var session = Await(ct => ContainerOperations.AttachAsync(engine, container, detail.Tty, stdin: terminal, ct, detachKeys: _detachKeys.Text));
        // It may have stopped before the attach, which then waits for its next start (the docker CLI checks again too).
        Await(ct => ContainerOperations.InspectRunningAsync(engine, container, ct));
        Func<CancellationToken, Task<long>> exitCode = async ct => (await ContainerOperations.WaitAsync(engine, container, "not-running", ct).ConfigureAwait(false)).ExitCode;
        if (!terminal)
        {
            using var process = new RunningProcess(this, session, stdin: false, container, detail.Command, ErrorCatalog.ContainerExitCode, exitCode);
            process.Finish();
            return;
        }
        // A size one larger first, as the docker CLI sets it: the TTY then changes size when the session sets the
        // console's, and a shell redraws its prompt, which the attach came too late for.
        var (width, height) = RawTerminal.Size;
        try
        {
            Await(StartCall(ct => session.ResizeAsync(width + 1, height + 1, ct)));
        }
        catch (DockerEngineException)
        {
            // The session sets the size again, and a TTY that cannot be resized is no reason to refuse it.
        }
        if (InteractiveTerminal.Run(this, session, _detachKeys) == TerminalSessionEnd.Detached)
        {
            WriteObject(Await(ct => ContainerOperations.InspectAsync(engine, container, ct)));
            return;
        }
        new ProcessOutput(this).Exit((int)Await(exitCode), ErrorCatalog.ContainerExitCode, detail.Command, container);
    }
}
