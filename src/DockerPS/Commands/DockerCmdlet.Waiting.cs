namespace DockerPS.Commands;

/// <summary>Engine calls awaited on the pipeline thread, stopped by Ctrl+C.</summary>
public abstract partial class DockerCmdlet
{
    /// <summary>Waits on the pipeline thread for an engine call; Ctrl+C stops it.</summary>
    protected internal T Await<T>(Func<CancellationToken, Task<T>> call) => Await(StartCall(call));

    /// <summary>Starts an engine call to wait for later (with <see cref="Await{T}(Task{T})"/>); Ctrl+C stops it.</summary>
    protected TTask StartCall<TTask>(Func<CancellationToken, TTask> call) where TTask : Task
    {
        using (Calls())
        {
            return call(Cancellation);
        }
    }

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
        finally
        {
            if (!Cancellation.IsCancellationRequested)
            {
                WriteCalls();
            }
        }
    }

    /// <summary>Waits on the pipeline thread for an engine call that returns nothing.</summary>
    protected void Await(Func<CancellationToken, Task> call) => Await(StartCall(call));

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

    /// <summary>The next item of an engine stream, awaited on the pipeline thread; Ctrl+C stops it.</summary>
    protected internal bool MoveNext<T>(IAsyncEnumerator<T> items)
    {
        ValueTask<bool> next;
        using (Calls())
        {
            next = items.MoveNextAsync();
        }
        // Items the stream has already buffered come without a task.
        return next.IsCompletedSuccessfully ? next.Result : Await(next.AsTask());
    }
}
