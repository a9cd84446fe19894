using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// One <c>docker stats</c> sample of a container, with the figures computed as the docker CLI computes them:
/// CPU % from the change in the container's and the host's CPU time since the engine's previous sample, memory
/// without the page cache the kernel can reclaim, and network and block I/O summed over interfaces and devices.
/// </summary>
public sealed class ContainerStats
{
    private readonly ContainerStatsResponse _raw;

    internal ContainerStats(ContainerStatsResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        var windows = string.Equals(raw.OSType, "windows", StringComparison.OrdinalIgnoreCase);
        CpuPercent = windows ? WindowsCpuPercent(raw) : UnixCpuPercent(raw.CPUStats, raw.PreCPUStats);
        MemoryUsage = windows ? (long)(raw.MemoryStats?.PrivateWorkingSet ?? 0) : UnixMemoryUsage(raw.MemoryStats);
        MemoryLimit = (long)(raw.MemoryStats?.Limit ?? 0);
        MemoryPercent = MemoryLimit > 0 ? 100.0 * MemoryUsage / MemoryLimit : 0;
        NetworkReceived = (long)(raw.Networks?.Values.Aggregate(0UL, (sum, n) => sum + n.RxBytes) ?? 0);
        NetworkSent = (long)(raw.Networks?.Values.Aggregate(0UL, (sum, n) => sum + n.TxBytes) ?? 0);
        (BlockRead, BlockWritten) = windows
            ? ((long)(raw.StorageStats?.ReadSizeBytes ?? 0), (long)(raw.StorageStats?.WriteSizeBytes ?? 0))
            : (BlockBytes(raw.BlkioStats, "read"), BlockBytes(raw.BlkioStats, "write"));
    }

    /// <summary>The container's name, without the engine's leading slash.</summary>
    public string Name => _raw.Name?.TrimStart('/') ?? string.Empty;

    public string Id => _raw.ID ?? string.Empty;

    /// <summary>Percent of one CPU (a container using two CPUs fully shows 200).</summary>
    public double CpuPercent { get; }

    /// <summary>Memory in use in bytes, less the inactive page cache (as <c>docker stats</c> shows it).</summary>
    public long MemoryUsage { get; }

    /// <summary>The memory limit in bytes: the container's own, or the host's memory when it has none.</summary>
    public long MemoryLimit { get; }

    public double MemoryPercent { get; }

    /// <summary>Bytes received over all the container's networks.</summary>
    public long NetworkReceived { get; }

    /// <summary>Bytes sent over all the container's networks.</summary>
    public long NetworkSent { get; }

    public long BlockRead { get; }

    public long BlockWritten { get; }

    /// <summary>Processes and threads in the container.</summary>
    public long Pids => (long)(_raw.PidsStats?.Current ?? 0);

    /// <summary>When the engine took the sample; null for a container that is not running (the engine sends zeros).</summary>
    public DateTime? Read => _raw.Read.Year > 1 ? _raw.Read.ToLocalTime() : null;

    public DockerEngine Engine { get; }

    /// <summary>The engine's sample, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ContainerStatsResponse GetRaw() => _raw;

    public override string ToString() => Name;

    /// <summary>
    /// The container's CPU time over the host's, both since the engine's previous sample, times the online CPUs
    /// (the per-CPU list's length on engines that do not report them).
    /// </summary>
    private static double UnixCpuPercent(CPUStats? now, CPUStats? before)
    {
        var cpuDelta = (double)(now?.CPUUsage?.TotalUsage ?? 0) - (before?.CPUUsage?.TotalUsage ?? 0);
        var systemDelta = (double)(now?.SystemUsage ?? 0) - (before?.SystemUsage ?? 0);
        double cpus = now?.OnlineCPUs ?? 0;
        if (cpus == 0)
        {
            cpus = now?.CPUUsage?.PercpuUsage?.Count ?? 0;
        }
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
    }

    /// <summary>Windows reports CPU time in 100 ns intervals: those used over those possible on all processors.</summary>
    private static double WindowsCpuPercent(ContainerStatsResponse raw)
    {
        var possible = (double)(raw.Read - raw.PreRead).Ticks * raw.NumProcs;
        var used = (double)(raw.CPUStats?.CPUUsage?.TotalUsage ?? 0) - (raw.PreCPUStats?.CPUUsage?.TotalUsage ?? 0);
        return possible > 0 ? used / possible * 100 : 0;
    }

    /// <summary>
    /// Usage less the inactive file cache: <c>total_inactive_file</c> on cgroup v1, <c>inactive_file</c> on v2,
    /// each only when smaller than the usage (the docker CLI since 19.03; older ones subtracted <c>cache</c>).
    /// </summary>
    private static long UnixMemoryUsage(MemoryStats? memory)
    {
        var usage = memory?.Usage ?? 0;
        var stats = memory?.Stats;
        if (stats is not null && stats.TryGetValue("total_inactive_file", out var v1) && v1 < usage)
        {
            return (long)(usage - v1);
        }
        if (stats is not null && stats.TryGetValue("inactive_file", out var v2) && v2 < usage)
        {
            return (long)(usage - v2);
        }
        return (long)usage;
    }

    private static long BlockBytes(BlkioStats? blkio, string operation) =>
        (long)(blkio?.IoServiceBytesRecursive?
            .Where(e => string.Equals(e.Op, operation, StringComparison.OrdinalIgnoreCase))
            .Aggregate(0UL, (sum, e) => sum + e.Value) ?? 0);
}
