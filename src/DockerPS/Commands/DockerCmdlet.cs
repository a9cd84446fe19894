using System.Collections;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using System.Management.Automation;
using DockerPS.Archive;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Formatting;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// The plumbing every DockerPS cmdlet shares, and nothing else: which engine to talk to (explicit parameters,
/// then the piped object's engine, then the docker CLI's environment and config), a cancellation token that
/// StopProcessing cancels, waiting for engine calls on the pipeline thread, and engine failures as error records.
/// </summary>
public abstract class DockerCmdlet : PSCmdlet
{
    public const string InvalidTime = "InvalidTime";

    private readonly CancellationTokenSource _cancellation = new();
    private IReadOnlyList<DockerEngine>? _configuredEngines;
    private Task[]? _connected;
    private int? _pass;
    private (Dictionary<string, Task?[]> Calls, CancellationTokenSource Stop)? _fannedOut;
    private DockerEngine? _announcedEngine;
    private readonly List<Func<CancellationToken, IAsyncEnumerable<Action>>> _followed = [];

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

    protected internal CancellationToken Cancellation => _cancellation.Token;

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

    /// <summary>Per-item work; engine failures become non-terminating errors and the pipeline goes on.</summary>
    protected abstract void ProcessItem();

    protected sealed override void ProcessRecord()
    {
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

    private void ProcessOncePerContext()
    {
        var engines = ConfiguredEngines();
        // All engines connect at once, once per invocation: one that cannot be reached costs one timeout, not one per
        // engine, and is reported once, naming it; the others still answer.
        var first = _connected is null;
        _connected ??= engines.Select(engine => engine.ConnectAsync(Cancellation)).ToArray();
        for (var i = 0; i < engines.Count; i++)
        {
            try
            {
                Await(_connected[i]);
            }
            catch (DockerEngineException e)
            {
                if (first)
                {
                    WriteError(ErrorFor(e, target: engines[i]));
                }
                continue;
            }
            _pass = i;
            try
            {
                ProcessOnce();
            }
            finally
            {
                _pass = null;
            }
        }
    }

    private void ProcessOnce()
    {
        try
        {
            ProcessItem();
        }
        catch (DockerEngineException e)
        {
            WriteError(ErrorFor(e, target: TargetOfItem));
        }
    }

    /// <summary>The input the current item's errors are about.</summary>
    protected virtual object? TargetOfItem => Engine;

    /// <summary>Waits on the pipeline thread for an engine call; Ctrl+C stops it.</summary>
    protected internal T Await<T>(Func<CancellationToken, Task<T>> call) => Await(call(Cancellation));

    /// <summary>Waits on the pipeline thread for an engine call started with <see cref="Cancellation"/>; Ctrl+C stops it.</summary>
    protected internal T Await<T>(Task<T> call)
    {
        Await((Task)call);
        return call.Result;
    }

    /// <inheritdoc cref="Await{T}(Task{T})"/>
    protected internal void Await(Task call)
    {
        try
        {
            call.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>
    /// Waits on the pipeline thread for the item's engine call. When the item is handled once per context, the first
    /// pass starts the call on its own and every later engine at once (each as soon as that engine is connected), and
    /// each pass then waits for its own: a Get- over several engines takes as long as the slowest, not the sum of all.
    /// For the calls every pass makes alike, one per <paramref name="key"/> (the container or image a call is about, when
    /// an item names several): <paramref name="call"/> runs off the pipeline thread and may use only the engine it is
    /// given and the item's parameters.
    /// </summary>
    protected T AwaitOnEachEngine<T>(Func<DockerEngine, CancellationToken, Task<T>> call, string key = "")
    {
        var engine = TargetEngine;
        if (_pass is not { } pass)
        {
            return Await(ct => call(engine, ct));
        }
        _fannedOut ??= ([], CancellationTokenSource.CreateLinkedTokenSource(Cancellation));
        var (fannedOut, stop) = _fannedOut.Value;
        if (!fannedOut.TryGetValue(key, out var calls))
        {
            var engines = ConfiguredEngines();
            calls = new Task?[engines.Count];
            for (var i = pass; i < engines.Count; i++)
            {
                var started = AfterConnected(_connected![i], engines[i], call, stop.Token);
                // A call whose pass never comes (its engine unreachable, the passes ended early) is nobody else's to observe.
                started.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                calls[i] = started;
            }
            fannedOut[key] = calls;
        }
        return Await((Task<T>)calls[pass]!);
    }

    private static async Task<T> AfterConnected<T>(Task connected, DockerEngine engine, Func<DockerEngine, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        await connected.ConfigureAwait(false);
        return await call(engine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits on the pipeline thread for an engine call that returns nothing.</summary>
    protected void Await(Func<CancellationToken, Task> call) => Await(call(Cancellation));

    /// <summary>How often a running transfer's progress is written.</summary>
    protected static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Waits on the pipeline thread for work running on other threads, calling <paramref name="report"/> from here
    /// every <see cref="ProgressInterval"/>, also as soon as the task <paramref name="wake"/> gives completes (then
    /// asking it for the next), and a last time with true once the work has ended, failed or not. The workers only
    /// gather what to report; all writing happens in <paramref name="report"/>. Ctrl+C stops it.
    /// </summary>
    protected T AwaitReporting<T>(Func<CancellationToken, Task<T>> work, Action<bool> report, Func<Task>? wake = null) =>
        Await(ct =>
        {
            var task = work(ct);
            Task? woken = null;
            bool done;
            do
            {
                woken ??= wake?.Invoke();
                Task.WaitAny(woken is null ? [task] : [task, woken], ProgressInterval);
                woken = woken is { IsCompleted: true } ? null : woken;
                // Read once: the last report must be the one that knows the work has ended.
                done = task.IsCompleted;
                report(done);
            }
            while (!done);
            return task;
        });

    /// <summary>
    /// Waits on the pipeline thread for a transfer whose work runs on other threads, writing its progress (bytes
    /// done, of the total when known) from here as it goes: the workers only count bytes into the
    /// <see cref="TransferProgress"/> they are given. Ctrl+C stops it.
    /// </summary>
    protected T AwaitTransfer<T>(string activity, Func<TransferProgress, CancellationToken, Task<T>> transfer)
    {
        // One activity id per cmdlet instance, so transfers in nested pipelines keep their own progress bars.
        var record = new ProgressRecord(GetHashCode() & int.MaxValue, activity, "Starting");
        var progress = new TransferProgress();
        return AwaitReporting(ct => transfer(progress, ct), done =>
        {
            WriteTransferProgress(record, progress);
            if (done)
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        });
    }

    /// <summary>A transfer's progress so far as <paramref name="record"/>: bytes done, of the total when known.</summary>
    protected void WriteTransferProgress(ProgressRecord record, TransferProgress progress)
    {
        var (bytes, total) = (progress.Bytes, progress.Total);
        record.StatusDescription = total < 0 ? Display.Size(bytes) : $"{Display.Size(bytes)} of {Display.Size(total)}";
        record.PercentComplete = total > 0 ? (int)Math.Min(100, bytes * 100 / total) : total == 0 ? 100 : -1;
        WriteProgress(record);
    }

    /// <summary>
    /// The items of an engine stream, each awaited on the pipeline thread as it comes (write them as they come: the
    /// stream is not read ahead); Ctrl+C stops it. Leaving the loop early closes the stream.
    /// </summary>
    protected IEnumerable<T> AwaitEach<T>(Func<CancellationToken, IAsyncEnumerable<T>> stream)
    {
        var items = stream(Cancellation).GetAsyncEnumerator(Cancellation);
        try
        {
            while (MoveNext(items))
            {
                yield return items.Current;
            }
        }
        finally
        {
            var disposed = items.DisposeAsync();
            if (!disposed.IsCompletedSuccessfully)
            {
                disposed.AsTask().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>
    /// Writes the items of a stream that does not end by itself (-Follow). It starts once the input has ended
    /// (<see cref="WriteFollowed"/>, from EndProcessing), together with every other stream this invocation follows (other
    /// containers, other contexts), and items are written as they come from any of them: one that never ends holds back
    /// none of the rest. A failure goes to <paramref name="fail"/> (by default an error about the current item's input).
    /// </summary>
    protected void Follow<T>(Func<CancellationToken, IAsyncEnumerable<T>> stream, Action<DockerEngineException>? fail = null)
    {
        var target = TargetOfItem;
        fail ??= e => WriteError(ErrorFor(e, target));
        _followed.Add(ct => Writes(stream(ct), fail, ct));
    }

    /// <summary>Writes the streams <see cref="Follow{T}"/> kept, until all have ended or Ctrl+C.</summary>
    protected void WriteFollowed()
    {
        var streams = _followed.ToArray();
        _followed.Clear();
        if (streams.Length > 0)
        {
            foreach (var write in AwaitEach(streams.Length == 1 ? streams[0] : ct => Merge(streams, ct)))
            {
                write();
            }
        }
    }

    /// <summary>A stream as the writes of its items, ending with the write of its failure if it fails.</summary>
    private async IAsyncEnumerable<Action> Writes<T>(IAsyncEnumerable<T> stream, Action<DockerEngineException> fail,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var items = stream.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            DockerEngineException? failure = null;
            var more = false;
            try
            {
                more = await items.MoveNextAsync().ConfigureAwait(false);
            }
            catch (DockerEngineException e)
            {
                failure = e;
            }
            if (failure is not null)
            {
                yield return () => fail(failure);
            }
            if (!more)
            {
                yield break;
            }
            var item = items.Current;
            yield return () => WriteObject(item);
        }
    }

    /// <summary>Several streams read at once as one, items in the order they arrive.</summary>
    private static async IAsyncEnumerable<T> Merge<T>(IReadOnlyList<Func<CancellationToken, IAsyncEnumerable<T>>> streams,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded: a stream faster than the pipeline waits for it instead of piling up in memory.
        var merged = Channel.CreateBounded<T>(256);
        var readers = streams.Select(async stream =>
        {
            await foreach (var item in stream(stop.Token).ConfigureAwait(false))
            {
                await merged.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
            }
        }).ToArray();
        _ = Task.WhenAll(readers).ContinueWith(t => merged.Writer.TryComplete(t.IsFaulted ? t.Exception!.GetBaseException() : null), TaskScheduler.Default);
        try
        {
            await foreach (var item in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            stop.Cancel();
        }
    }

    /// <summary>The next item of an engine stream, awaited on the pipeline thread; Ctrl+C stops it.</summary>
    protected internal bool MoveNext<T>(IAsyncEnumerator<T> items)
    {
        var next = items.MoveNextAsync();
        // Items the stream has already buffered come without a task.
        return next.IsCompletedSuccessfully ? next.Result : Await(next.AsTask());
    }


    /// <summary>A value-type parameter's value when the caller gave it, null when it was left out (its default is not a choice).</summary>
    protected T? BoundOrNull<T>(string parameter, T value) where T : struct =>
        MyInvocation.BoundParameters.ContainsKey(parameter) ? value : null;

    /// <summary>A hashtable of names to values (labels, options) as strings; a $null value is an empty string.</summary>
    protected static Dictionary<string, string> Strings(Hashtable? table) =>
        (table ?? []).Cast<DictionaryEntry>().ToDictionary(
            e => LanguagePrimitives.ConvertTo<string>(e.Key), e => LanguagePrimitives.ConvertTo<string>(e.Value) ?? string.Empty);

    /// <summary>A hashtable of filters as key-value pairs, a list value giving one pair per item, values unwrapped.</summary>
    protected static IEnumerable<KeyValuePair<string, object>> FilterPairs(Hashtable? filter) =>
        (filter ?? []).Cast<DictionaryEntry>().SelectMany(entry =>
            (LanguagePrimitives.GetEnumerable(entry.Value) ?? new[] { entry.Value }).Cast<object>().Select(value =>
                KeyValuePair.Create(LanguagePrimitives.ConvertTo<string>(entry.Key), PSObject.AsPSObject(value).BaseObject)));

    /// <summary>An engine failure as an error record: a stable id and a specific category per kind.</summary>
    protected internal static ErrorRecord ErrorFor(DockerEngineException e, object? target, string? errorId = null)
    {
        var (id, category) = e.Kind switch
        {
            EngineErrorKind.Unreachable => ("EngineUnreachable", ErrorCategory.ConnectionError),
            EngineErrorKind.Timeout => ("EngineTimeout", ErrorCategory.OperationTimeout),
            EngineErrorKind.InvalidEndpoint => ("InvalidEndpoint", ErrorCategory.InvalidArgument),
            EngineErrorKind.ContextNotFound => ("ContextNotFound", ErrorCategory.ObjectNotFound),
            EngineErrorKind.NotSupported => ("EndpointNotSupported", ErrorCategory.NotImplemented),
            EngineErrorKind.ApiVersionNotSupported => ("ApiVersionNotSupported", ErrorCategory.ProtocolError),
            EngineErrorKind.TlsRequired => ("EngineRequiresTls", ErrorCategory.ProtocolError),
            EngineErrorKind.TlsServerNotTrusted => ("TlsServerNotTrusted", ErrorCategory.SecurityError),
            EngineErrorKind.TlsClientCertificateRejected => ("TlsClientCertificateRejected", ErrorCategory.AuthenticationError),
            EngineErrorKind.TlsCertificateNotFound => ("TlsCertificateNotFound", ErrorCategory.ObjectNotFound),
            EngineErrorKind.NotFound => ("NotFound", ErrorCategory.ObjectNotFound),
            EngineErrorKind.Conflict => ("Conflict", ErrorCategory.ResourceExists),
            EngineErrorKind.InvalidArgument => ("InvalidArgument", ErrorCategory.InvalidArgument),
            EngineErrorKind.Unauthorized => ("Unauthorized", ErrorCategory.AuthenticationError),
            EngineErrorKind.Forbidden => ("Forbidden", ErrorCategory.PermissionDenied),
            EngineErrorKind.Untrusted => ("Untrusted", ErrorCategory.SecurityError),
            _ => ("EngineError", ErrorCategory.InvalidOperation),
        };
        return new ErrorRecord(e, errorId ?? e.ErrorId ?? id, category, target);
    }

    /// <summary>A named thing that is not on the engine: the pipeline goes on with the next.</summary>
    protected void WriteNotFound(string errorId, string what, string name, DockerEngine? engine = null) =>
        WriteError(new ErrorRecord(
            new ItemNotFoundException($"No {what} matches '{name}' on engine {(engine ?? TargetEngine).Name}."),
            errorId, ErrorCategory.ObjectNotFound, name));

    /// <summary>A -Since/-Until value (DateTime, TimeSpan back from now, or docker time text) as a point in time; false (with an InvalidTime error) when it is not one.</summary>
    protected bool Time(string parameter, object? value, DateTimeOffset now, out DateTimeOffset? time)
    {
        try
        {
            time = (value is PSObject wrapped ? wrapped.BaseObject : value) switch
            {
                null => null,
                DateTimeOffset offset => offset,
                // An unspecified kind (Get-Date's, [datetime]'...') is local time.
                DateTime local => new DateTimeOffset(local),
                TimeSpan back => now - back,
                var text => DockerTime.Parse(LanguagePrimitives.ConvertTo<string>(text), now),
            };
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            WriteError(new ErrorRecord(new ArgumentException($"-{parameter}: {e.Message}", e), InvalidTime, ErrorCategory.InvalidArgument, value));
            time = null;
            return false;
        }
    }
}
