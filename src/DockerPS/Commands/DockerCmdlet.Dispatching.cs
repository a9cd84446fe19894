namespace DockerPS.Commands;

/// <summary>Engine calls that run beside the next items' instead of being awaited one at a time.</summary>
public abstract partial class DockerCmdlet
{
    private readonly Queue<(Task Call, Action Finish)> _dispatched = new();

    /// <summary>
    /// Takes a started engine call and returns, so that the next items' calls start before it ends, with at most
    /// <paramref name="limit"/> running. Its <paramref name="finish"/> (await it, write its result or error) runs on the
    /// pipeline thread once it and every call dispatched before it have ended, so output keeps the input's order: when a
    /// later item is dispatched, or at the end of the input (a cmdlet that dispatches must not override EndProcessing).
    /// Ctrl+C cancels the calls in flight.
    /// </summary>
    protected void Dispatch(Task call, Action finish, int limit)
    {
        // A call Ctrl+C leaves behind is nobody's to observe.
        call.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _dispatched.Enqueue((call, finish));
        FinishDispatched(running: limit - 1);
    }

    protected override void EndProcessing() => FinishDispatched(running: 0);

    /// <summary>Finishes the ended calls at the head of the queue, until at most <paramref name="running"/> calls have not ended.</summary>
    private void FinishDispatched(int running)
    {
        while (true)
        {
            while (_dispatched.TryPeek(out var head) && head.Call.IsCompleted)
            {
                _dispatched.Dequeue();
                head.Finish();
            }
            var waiting = _dispatched.Select(d => d.Call).Where(c => !c.IsCompleted).ToArray();
            if (_dispatched.Count == 0 || (running > 0 && waiting.Length <= running))
            {
                return;
            }
            if (waiting.Length == 0)
            {
                // The head ended after the loop above looked at it: finish it on the next round, not never.
                continue;
            }
            try
            {
                // At the end, the head; else any: one ending makes room for the next call.
                Task.WaitAny(running == 0 ? [waiting[0]] : waiting, Cancellation);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
