using DockerPS.Formatting;
using DockerPS.Terminal;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker run</c>: creates a container, attaches to its output, starts it and passes the output to the pipeline until it exits and
/// reports the exit code (stdout as output, stderr as host information, as for Invoke-DockerExec). With -Interactive or
/// -Input its stdin is attached too: -Input, or the piped objects when the image is named on the command line, is
/// written to it and then closed. -Detach writes the started container instead. -Remove removes the container
/// afterwards, also when it failed or Ctrl+C stopped the command. With -Interactive -Tty and no input the container gets
/// the console instead (<c>docker run -it</c>), as Enter-DockerContainer gives it to an exec process; the detach keys
/// leave it running (and write it), and -Remove has the engine remove it when it exits. Off a terminal that is
/// TerminalRequired.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerContainer", DefaultParameterSetName = WaitSet, SupportsShouldProcess = true)]
[OutputType(typeof(string), ParameterSetName = [WaitSet])]
[OutputType(typeof(ContainerDetail), ParameterSetName = [DetachSet])]
public sealed class InvokeDockerContainerCommand : ContainerCreateCmdlet, IDisposable
{
    private const string WaitSet = "Wait";
    private const string DetachSet = "Detach";

    /// <summary>How long removing the container after Ctrl+C may take.</summary>
    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(30);

    private object? _input;
    private bool _pipedInput;
    private bool _started;
    private Run? _running;
    private DetachKeys? _terminal;

    /// <summary>Writes the started container instead of waiting for it.</summary>
    [Parameter(ParameterSetName = DetachSet, Mandatory = true)]
    public SwitchParameter Detach { get; set; }

    /// <summary>
    /// Removes the container (and its anonymous volumes) when it exits, like <c>docker run --rm</c>: after the
    /// output was read, or when the command fails or is stopped; with -Detach, the engine removes it when it exits.
    /// </summary>
    [Parameter]
    public SwitchParameter Remove { get; set; }

    /// <summary>The streams to attach (<c>--attach</c>): stdin, stdout, stderr; those left out are not passed on.</summary>
    [Parameter(ParameterSetName = WaitSet)]
    [ValidateSet("stdin", "stdout", "stderr")]
    public string[]? Attach { get; set; }

    /// <summary>The keys that leave a console session (-Interactive -Tty) with the container running, in docker's <c>--detach-keys</c> syntax.</summary>
    [Parameter(ParameterSetName = WaitSet)]
    [ValidateNotNullOrEmpty]
    public string[] DetachKeys { get; set; } = [Terminal.DetachKeys.Default];

    /// <summary>What to write to the container's stdin (closed after it), as Invoke-DockerExec takes it; implies -Interactive.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Input { get; set; }

    /// <summary>A created container, its engine, and the process attached to it (none with -Detach).</summary>
    private sealed record Run(DockerEngine Engine, string Id, string Container)
    {
        public RunningProcess? Process { get; set; }
    }

    protected override void BeginProcessing()
    {
        (_pipedInput, _input) = RunningProcess.InputOf(this, Input, MyInvocation.BoundParameters.ContainsKey(nameof(Image)), Detach);
        if (_pipedInput && Context is { Length: > 1 })
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InputNeedsOneContainer,
                new ArgumentException("Pipeline input is the stdin of one container: give one context, or pass the input with -Input."), Context));
        }
        var detachKeys = InteractiveTerminal.Parse(this, DetachKeys);
        if (Interactive && Tty && !Detach && !_pipedInput && _input is null && Attach is null)
        {
            // As docker run -it off a terminal ("the input device is not a TTY"): a shell on a TTY would wait for keys forever.
            InteractiveTerminal.Require(this, "Give its input with -Input or the pipeline, or leave out -Tty, to run it here.");
            _terminal = detachKeys;
        }
    }

    protected override void ProcessItem()
    {
        if (_terminal is not null)
        {
            RunInTerminal(_terminal);
            return;
        }
        if (_pipedInput)
        {
            // One container for the whole pipeline; each piped object goes to its stdin as it comes.
            if (!_started)
            {
                _started = true;
                _running = Start(stdin: true);
            }
            _running?.Process!.Send(Input);
            return;
        }
        if (Start(stdin: Interactive || _input is not null || Attaches("stdin")) is not { } run)
        {
            return;
        }
        try
        {
            run.Process!.Send(_input);
            run.Process.Finish();
        }
        finally
        {
            End(run, canWrite: true);
        }
    }

    protected override void EndProcessing()
    {
        if (_pipedInput && !_started)
        {
            // The pipeline was empty: the container still runs, with empty stdin (as `@() | docker run -i` does).
            ProcessRecord();
        }
        if (_running is not { } run)
        {
            return;
        }
        _running = null;
        try
        {
            run.Process!.Finish();
        }
        catch (DockerEngineException e)
        {
            WriteError(ErrorFor(e, run.Container));
        }
        finally
        {
            End(run, canWrite: true);
        }
    }

    /// <summary>A run that piped input was going to when the pipeline stopped or failed: its container is removed with -Remove.</summary>
    public void Dispose()
    {
        if (_running is { } run)
        {
            _running = null;
            End(run, canWrite: false);
        }
    }

    /// <summary>Creates, attaches and starts the container; null when it was not created, or with -Detach (the container written).</summary>
    private Run? Start(bool stdin)
    {
        if (BuildSpec(autoRemove: Detach && Remove, interactive: stdin) is not { } spec
            || !ShouldProcess(Name is null ? Image : $"{Name} ({Image})", "Run container"))
        {
            return null;
        }
        var id = Create(spec);
        WriteContainerIdFile(id);
        var engine = TargetEngine;
        var run = new Run(engine, id, Name ?? Display.ShortId(id));
        try
        {
            // Attached before the start, as docker run does, so the output is whole from the first byte to the last.
            if (!Detach)
            {
                var session = Await(ct => ContainerOperations.AttachAsync(engine, id, spec.Tty, stdin, ct, Attach is null || Attaches("stdout"), Attach is null || Attaches("stderr")));
                run.Process = new RunningProcess(this, session, stdin, run.Container, string.Join(' ', Command ?? [Image]), ErrorCatalog.ContainerExitCode,
                    async ct => (await ContainerOperations.WaitAsync(engine, id, "not-running", ct).ConfigureAwait(false)).ExitCode);
            }
            Await(ct => ContainerOperations.StartAsync(engine, id, ct));
            if (Detach)
            {
                WriteObject(Await(ct => ContainerOperations.InspectAsync(engine, id, ct)));
                return null;
            }
            return run;
        }
        catch
        {
            End(run, canWrite: true);
            throw;
        }
    }

    /// <summary>
    /// <c>docker run -it</c>: creates the container (removed by the engine when it exits, with -Remove: it may outlive the
    /// session), attaches the console before the start, and reports the exit code, or writes the container when the
    /// detach keys left it running.
    /// </summary>
    private void RunInTerminal(DetachKeys detachKeys)
    {
        if (BuildSpec(autoRemove: Remove, interactive: true, RawTerminal.Size) is not { } spec
            || !ShouldProcess(Name is null ? Image : $"{Name} ({Image})", "Run container in the console"))
        {
            return;
        }
        var id = Create(spec);
        WriteContainerIdFile(id);
        var engine = TargetEngine;
        var run = new Run(engine, id, Name ?? Display.ShortId(id));
        Task<ContainerExit> exit;
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        try
        {
            using var session = Await(ct => ContainerOperations.AttachAsync(engine, id, tty: true, stdin: true, ct, detachKeys: detachKeys.Text));
            // Asked before the start, as the docker CLI asks, so that an engine that removes the container at its exit still answers.
            exit = ContainerOperations.WaitAsync(engine, id, Remove ? "removed" : "next-exit", stopWaiting.Token);
            Await(ct => ContainerOperations.StartAsync(engine, id, ct));
            if (InteractiveTerminal.Run(this, session, detachKeys) == TerminalSessionEnd.Detached)
            {
                stopWaiting.Cancel();
                WriteObject(Await(ct => ContainerOperations.InspectAsync(engine, id, ct)));
                return;
            }
        }
        catch
        {
            stopWaiting.Cancel();
            End(run, canWrite: true);
            throw;
        }
        new ProcessOutput(this).Exit((int)Await(exit).ExitCode, ErrorCatalog.ContainerExitCode, string.Join(' ', Command ?? [Image]), run.Container);
    }

    private bool Attaches(string stream) => Attach?.Contains(stream, StringComparer.OrdinalIgnoreCase) == true;

    /// <summary>Closes the connection and, with -Remove, removes the container, even when the pipeline is stopping (its token is already cancelled).</summary>
    private void End(Run run, bool canWrite)
    {
        run.Process?.Dispose();
        if (!Remove || Detach)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(RemoveTimeout);
        try
        {
            ContainerOperations.RemoveAsync(run.Engine, run.Id, force: true, volumes: true, timeout.Token).GetAwaiter().GetResult();
        }
        catch (DockerEngineException e) when (canWrite && !Cancellation.IsCancellationRequested)
        {
            WriteError(ErrorFor(e, run.Id));
        }
        catch (Exception e) when (e is DockerEngineException or OperationCanceledException)
        {
            // Stopping: nothing can be written any more, and the container is the engine's to clean up.
        }
    }
}
