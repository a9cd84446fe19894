namespace DockerPS.Commands;

/// <summary>
/// <c>docker exec</c>: runs a command in running containers and waits for it: stdout lines are the output, stderr
/// lines host messages (see <see cref="ProcessOutput"/>), the exit code $LASTEXITCODE. With the container named on the
/// command line, pipeline input is the process's stdin; otherwise the pipeline names containers.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerExec", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(string), typeof(ContainerExec))]
public sealed class InvokeDockerExecCommand : ExecCmdlet, IDisposable
{

    private object? _input;
    private bool _pipedInput;
    private bool _started;
    private RunningProcess? _running;

    /// <summary>The command and its arguments; takes every argument after the container.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromRemainingArguments = true)]
    [ValidateNotNullOrEmpty]
    public string[] Command { get; set; } = [];

    /// <summary>Runs the process on a pseudo-terminal: all its output comes as stdout.</summary>
    [Parameter]
    public SwitchParameter Tty { get; set; }

    /// <summary>What to write to the process's stdin (closed after it): bytes as they are, text and other objects as UTF-8 lines.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Input { get; set; }

    /// <summary>Starts the process and returns its exec instance at once, without waiting or output.</summary>
    [Parameter]
    public SwitchParameter Detach { get; set; }

    private string Action => $"Run '{CommandText(Command)}'";

    protected override void BeginProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        (_pipedInput, _input) = RunningProcess.InputOf(this, Input, bound.ContainsKey(nameof(Name)) || bound.ContainsKey(nameof(Id)), Detach);
        if (_pipedInput && (Name ?? Id!) is var named && (named.Length != 1 || Name is not null && WildcardPattern.ContainsWildcardCharacters(named[0]) || Context is { Length: > 1 }))
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InputNeedsOneContainer,
                new ArgumentException("Pipeline input is the stdin of one process: name one container (no wildcards) on one context, or pass the input with -Input."), named));
        }
    }

    protected override void ProcessContainer(string container)
    {
        if (_pipedInput)
        {
            // One process for the whole pipeline; each piped object goes to its stdin as it comes.
            if (!_started)
            {
                _started = true;
                _running = ShouldProcess(container, Action) ? Start(container, input: true) : null;
            }
            _running?.Send(Input);
            return;
        }
        if (!ShouldProcess(container, Action))
        {
            return;
        }
        if (Detach)
        {
            var engine = TargetEngine;
            var id = Await(ct => ExecOperations.StartDetachedAsync(engine, container, Options(input: false), ct));
            WriteObject(Await(ct => ExecOperations.InspectAsync(engine, id, ct)));
            return;
        }
        using var running = Start(container, input: _input is not null);
        running.Send(_input);
        running.Finish();
    }

    protected override void EndProcessing()
    {
        if (_pipedInput && !_started)
        {
            // The pipeline was empty: the command still runs, with empty stdin (as `@() | cat` does).
            ProcessRecord();
        }
        if (_running is null)
        {
            return;
        }
        try
        {
            _running.Finish();
        }
        catch (DockerEngineException e)
        {
            WriteError(ErrorFor(e, _running.Container));
        }
    }

    public void Dispose() => _running?.Dispose();

    private RunningProcess Start(string container, bool input)
    {
        var engine = TargetEngine;
        var session = Await(ct => ExecOperations.StartAsync(engine, container, Options(input), ct));
        // A process that closed its output but runs on has no exit code yet; the docker CLI reports 0 then too.
        return new RunningProcess(this, session, input, container, CommandText(Command), ErrorCatalog.ExecExitCode,
            async ct => (await ExecOperations.InspectAsync(engine, session.Id, ct).ConfigureAwait(false)).ExitCode ?? 0);
    }

    private ExecOptions Options(bool input) => Options(Command, Tty, input);
}
