using DockerPS.Completion;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// The plumbing every DockerPS cmdlet shares, and nothing else: which engine to talk to (explicit parameters,
/// then the piped object's engine, then the docker CLI's environment and config), a cancellation token that
/// StopProcessing cancels, waiting for engine calls on the pipeline thread, and engine failures as error records.
/// Split by concern: <c>.Contexts</c> (-Context fan-out), <c>.Waiting</c> (awaiting and cancellation), <c>.Progress</c>,
/// <c>.Pulling</c> (image pulls and layer progress), <c>.Following</c> (streams that do not end), <c>.Parameters</c> (parameter values), <c>.Errors</c> and <c>.Debug</c>
/// (engine calls as debug lines).
/// </summary>
public abstract partial class DockerCmdlet : PSCmdlet
{
    private readonly CancellationTokenSource _cancellation = new();
    private IReadOnlyList<DockerEngine>? _configuredEngines;
    private DockerEngine? _announcedEngine;
    private bool _configChecked;
    private TimeSpan? _engineTimeout;
    private bool _engineTimeoutChosen;

    /// <summary>
    /// Docker contexts by name (see <c>docker context ls</c>). With several, each item is handled once per context, in
    /// the order given: a Get- cmdlet lists every engine, a state-changing one acts on each.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string[]? Context { get; set; }

    /// <summary>An engine address, as DOCKER_HOST or <c>docker -H</c> takes it.</summary>
    [Parameter]
    [Alias("H")]
    [ValidateNotNullOrEmpty]
    public string? DockerHost { get; set; }

    /// <summary>The engine to act on; objects from DockerPS carry theirs, so piping them routes each to its own engine.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public DockerEngine? Engine { get; set; }

    /// <summary>
    /// Seconds the engine has to connect and answer each request (its response headers); DOCKERPS_ENGINE_TIMEOUT sets it
    /// for every cmdlet. None by default; operations the engine answers only when they end (build, pull, push, stop,
    /// wait, commit, prune, load, export, copying in) are never held to it, and streams once answered are never cut.
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int EngineTimeoutSeconds { get; set; }

    protected internal CancellationToken Cancellation => _cancellation.Token;

    /// <summary>-EngineTimeoutSeconds, else the environment's; a variable that is not a number of seconds stops the cmdlet.</summary>
    private TimeSpan? ChosenEngineTimeout()
    {
        if (!_engineTimeoutChosen)
        {
            _engineTimeoutChosen = true;
            try
            {
                _engineTimeout = BoundOrNull(nameof(EngineTimeoutSeconds), EngineTimeoutSeconds) is { } seconds
                    ? TimeSpan.FromSeconds(seconds)
                    : EngineTimeout.FromEnvironment(System.Environment.GetEnvironmentVariable);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidSyntax("EngineTimeout"), e, System.Environment.GetEnvironmentVariable(EngineTimeout.Variable)));
            }
        }
        return _engineTimeout;
    }

    /// <summary>
    /// The engine for the current item: the context of the pass in progress (-Context), -DockerHost, else the piped
    /// object's, else the environment's. Says which in the verbose stream whenever it changes.
    /// </summary>
    protected DockerEngine TargetEngine
    {
        get
        {
            var engine = _pass is { } pass ? ConfiguredEngines()[pass] : (Context is null && DockerHost is null && Engine is not null ? Engine : ConfiguredEngines()[0]);
            if (!ReferenceEquals(engine, _announcedEngine))
            {
                _announcedEngine = engine;
                WriteVerbose($"Docker engine {engine.Endpoint} ({engine.Source}).");
            }
            return engine;
        }
    }

    private IReadOnlyList<DockerEngine> ConfiguredEngines() =>
        _configuredEngines ??= Context is { Length: > 0 } names
            ? names.Distinct(StringComparer.Ordinal).Select(name => Resolve(name, DockerHost, target: name)).ToArray()
            : [Resolve(null, DockerHost, target: DockerHost)];

    private DockerEngine Resolve(string? context, string? host, object? target)
    {
        try
        {
            return DockerEngine.Resolve(context, host);
        }
        catch (DockerEngineException e)
        {
            // Which engines to use is a question for the whole invocation, not one item.
            ThrowTerminatingError(ErrorFor(e, target));
            throw;
        }
    }

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>Per-item work; a failure DockerPS can name (<see cref="DockerPSException"/>) becomes a non-terminating error about the item, and the pipeline goes on.</summary>
    protected abstract void ProcessItem();

    protected sealed override void ProcessRecord()
    {
        using var calls = Calls();
        if (!_configChecked)
        {
            _configChecked = true;
            WarnOfUnreadableConfig(this);
        }
        if (Context is not { Length: > 1 })
        {
            ProcessOnce();
            return;
        }
        try
        {
            ProcessOncePerContext();
        }
        finally
        {
            // Calls no pass waited for (its engine unreachable, or the passes ended early: an error, a stopped pipeline)
            // stop here rather than run on.
            if (_fannedOut is var (_, stop))
            {
                _fannedOut = null;
                stop.Cancel();
                stop.Dispose();
            }
        }
    }

    private void ProcessOnce()
    {
        try
        {
            ProcessItem();
        }
        catch (DockerPSException e)
        {
            WriteError(ErrorFor(e, TargetOfItem));
        }
    }

    /// <summary>
    /// A docker config.json that cannot be read counts as empty (no current context, no stored credentials), as the docker
    /// CLI ignores it, and like the CLI every command says so, once.
    /// </summary>
    internal static void WarnOfUnreadableConfig(Cmdlet cmdlet)
    {
        DockerCliConfig.FromEnvironment(System.Environment.GetEnvironmentVariable).Load(out var problem);
        if (problem is not null)
        {
            cmdlet.WriteWarning($"{problem} It is ignored, as the docker CLI ignores it.");
        }
    }

    /// <summary>The input the current item's errors are about.</summary>
    protected virtual object? TargetOfItem => Engine;
}
