using System.Diagnostics;

/// <summary>
/// The largest growth of this process's working set over the runs it measures, sampled every 10 ms against the
/// working set just before each run (after a full collection): DockerPS runs in this process, so its buffers show here.
/// </summary>
internal sealed class MemoryProbe
{
    private long _peakGrowth;

    public double PeakGrowthMiB => _peakGrowth / (1024.0 * 1024);

    public T Measure<T>(Func<T> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var baseline = self.WorkingSet64;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                self.Refresh();
                _peakGrowth = Math.Max(_peakGrowth, self.WorkingSet64 - baseline);
                await Task.Delay(10, CancellationToken.None);
            }
        });
        try
        {
            return run();
        }
        finally
        {
            done.Cancel();
            sampler.Wait();
        }
    }
}

