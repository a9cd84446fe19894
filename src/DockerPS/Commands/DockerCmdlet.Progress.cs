using DockerPS.Archive;
using DockerPS.Formatting;

namespace DockerPS.Commands;

/// <summary>Progress of long work, written from the pipeline thread while the work runs on others.</summary>
public abstract partial class DockerCmdlet
{
    /// <summary>How often a running transfer's progress is written.</summary>
    protected static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The last progress id given out: from a random start, so that the bars meet no script's own Write-Progress -Id.</summary>
    private static int _lastActivityId = Random.Shared.Next(1 << 24, 1 << 30);

    /// <summary>A progress id no other bar of this process has, for the bars of transfers that run at once or nested.</summary>
    protected static int NextActivityId() => Interlocked.Increment(ref _lastActivityId) & int.MaxValue;

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
                WriteCalls();
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
        var record = new ProgressRecord(NextActivityId(), activity, "Starting");
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
}
