namespace DockerPS.Commands;

/// <summary>-Context with several engines: each item handled once per engine, their calls started on all engines at once.</summary>
public abstract partial class DockerCmdlet
{
    private Task[]? _connected;
    private int? _pass;
    private (Dictionary<string, Task?[]> Calls, CancellationTokenSource Stop)? _fannedOut;
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
}
