using Docker.DotNet.Models;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>docker stats, top and diff figures from engine answers, computed as the docker CLI computes them.</summary>
public sealed class ContainerObjectTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    /// <summary>A Linux sample with the CPU readings of a real 20.10 engine answer (a busy loop on two CPUs).</summary>
    private static ContainerStatsResponse LinuxSample(IDictionary<string, ulong>? memoryStats = null, uint? onlineCpus = 2) => new()
    {
        Name = "/web",
        ID = "7a5b9b18940c4cba",
        Read = new DateTime(2026, 1, 2, 3, 4, 6, DateTimeKind.Utc),
        CPUStats = new CPUStats
        {
            CPUUsage = new CPUUsage { TotalUsage = 3_074_903_662, PercpuUsage = [3_007_376_567, 67_527_095] },
            SystemUsage = 6_594_870_000_000,
            OnlineCPUs = onlineCpus,
        },
        PreCPUStats = new CPUStats
        {
            CPUUsage = new CPUUsage { TotalUsage = 2_076_171_097 },
            SystemUsage = 6_592_890_000_000,
        },
        MemoryStats = new MemoryStats { Usage = 1_826_816, Limit = 67_108_864, Stats = memoryStats ?? new Dictionary<string, ulong>() },
        PidsStats = new PidsStats { Current = 3 },
    };

    [Fact]
    public void CpuIsTheContainersShareOfTheHostsCpuTimeTimesOnlineCpus()
    {
        var stats = new ContainerStats(LinuxSample(), Engine);

        // (3074903662 - 2076171097) / (6594870000000 - 6592890000000) * 2 * 100
        Assert.Equal(100.8821, stats.CpuPercent, 4);
        Assert.Equal("web", stats.Name);
        Assert.Equal(3, stats.Pids);
    }

    [Fact]
    public void WithoutOnlineCpusThePerCpuListCounts() =>
        Assert.Equal(100.8821, new ContainerStats(LinuxSample(onlineCpus: null), Engine).CpuPercent, 4);

    [Fact]
    public void NoProgressMeansZeroCpu()
    {
        var sample = LinuxSample();
        sample.PreCPUStats = sample.CPUStats;

        Assert.Equal(0, new ContainerStats(sample, Engine).CpuPercent);
    }

    [Theory]
    [InlineData("total_inactive_file", 1_183_744, 643_072)] // cgroup v1
    [InlineData("inactive_file", 1_183_744, 643_072)] // cgroup v2
    [InlineData("total_inactive_file", 2_000_000, 1_826_816)] // larger than the usage: not subtracted
    [InlineData("cache", 1_200_128, 1_826_816)] // what CLIs before 19.03 subtracted; no longer
    public void MemoryIsUsageLessTheInactiveFileCache(string key, long value, long expected)
    {
        var stats = new ContainerStats(LinuxSample(new Dictionary<string, ulong> { [key] = (ulong)value }), Engine);

        Assert.Equal(expected, stats.MemoryUsage);
        Assert.Equal(67_108_864, stats.MemoryLimit);
        Assert.Equal(100.0 * expected / 67_108_864, stats.MemoryPercent, 10);
    }

    [Fact]
    public void NetworkAndBlockIoAreSummedOverInterfacesAndDevices()
    {
        var sample = LinuxSample();
        sample.Networks = new Dictionary<string, NetworkStats>
        {
            ["eth0"] = new() { RxBytes = 1000, TxBytes = 10 },
            ["eth1"] = new() { RxBytes = 500, TxBytes = 5 },
        };
        sample.BlkioStats = new BlkioStats
        {
            IoServiceBytesRecursive =
            [
                new() { Major = 8, Op = "Read", Value = 4096 },
                new() { Major = 8, Op = "Write", Value = 8192 },
                new() { Major = 9, Op = "read", Value = 1 },
                new() { Major = 8, Op = "Total", Value = 12288 },
            ],
        };

        var stats = new ContainerStats(sample, Engine);

        Assert.Equal((1500, 15), (stats.NetworkReceived, stats.NetworkSent));
        Assert.Equal((4097, 8192), (stats.BlockRead, stats.BlockWritten));
    }

    [Fact]
    public void WindowsCountsHundredNanosecondIntervalsAndPrivateWorkingSet()
    {
        var sample = new ContainerStatsResponse
        {
            OSType = "windows",
            Read = new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc),
            PreRead = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            NumProcs = 4,
            CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 30_000_000 } },
            PreCPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 10_000_000 } },
            MemoryStats = new MemoryStats { PrivateWorkingSet = 5_000_000, Usage = 9_000_000 },
            StorageStats = new StorageStats { ReadSizeBytes = 7, WriteSizeBytes = 9 },
        };

        var stats = new ContainerStats(sample, Engine);

        // 20,000,000 intervals used of 1 s × 4 processors = 40,000,000.
        Assert.Equal(50, stats.CpuPercent, 10);
        Assert.Equal(5_000_000, stats.MemoryUsage);
        Assert.Equal((7, 9), (stats.BlockRead, stats.BlockWritten));
    }

    [Fact]
    public void AStoppedContainersZeroSampleHasNoReadTime() =>
        Assert.Null(new ContainerStats(new ContainerStatsResponse { Name = "/x" }, Engine).Read);

    [Fact]
    public void TopRowsTypeTheCommonColumnsOfPsEf()
    {
        string[] titles = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];
        string[] row = ["root", "13190", "13170", "83", "14:05", "?", "00:03:05", "sh -c while true; do :; done"];

        var process = new ContainerProcess("web", titles, row, Engine);

        Assert.Equal(("web", 13190, 13170, "root"), (process.Container, process.Pid, process.ParentPid, process.User));
        Assert.Equal(("14:05", "?", "00:03:05", "sh -c while true; do :; done"), (process.Started, process.Tty, process.Time, process.Command));
        Assert.Equal(titles, process.Columns.Keys.Cast<string>());
        Assert.Equal("83", process.Columns["c"]);
        Assert.Equal(row, process.GetRaw());
    }

    [Fact]
    public void TopRowsOfPsAuxTypeWhatTheyHave()
    {
        string[] titles = ["USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND"];
        string[] row = ["nobody", "42", "0.0", "0.0", "2268", "1580", "?", "Ss", "14:05", "0:00", "sleep 600"];

        var process = new ContainerProcess("web", titles, row, Engine);

        Assert.Equal((42, (int?)null, "nobody", "14:05", "sleep 600"), (process.Pid, process.ParentPid, process.User, process.Started, process.Command));
        Assert.Equal("Ss", process.Columns["STAT"]);
    }

    [Theory]
    [InlineData(FileSystemChangeKind.Modify, ContainerChangeKind.Modified, "C")]
    [InlineData(FileSystemChangeKind.Add, ContainerChangeKind.Added, "A")]
    [InlineData(FileSystemChangeKind.Delete, ContainerChangeKind.Deleted, "D")]
    public void ChangesHaveTheirKindAndDockersLetter(FileSystemChangeKind raw, ContainerChangeKind kind, string code)
    {
        var change = new ContainerChange("web", new ContainerFileSystemChangeResponse { Kind = raw, Path = "/tmp/a" }, Engine);

        Assert.Equal((kind, code, "/tmp/a"), (change.Kind, change.Code, change.Path));
        Assert.Equal($"{code} /tmp/a", change.ToString());
    }

    [Theory]
    [InlineData("Up 5 seconds (healthy)", "healthy")]
    [InlineData("Up Less than a second (health: starting)", "starting")]
    [InlineData("Up 2 minutes (unhealthy)", "unhealthy")]
    [InlineData("Up 2 minutes", "none")]
    [InlineData("Up 3 hours (Paused)", "none")]
    [InlineData("Exited (0) 1 second ago", "none")]
    public void AListedContainersHealthIsWhatDockerPsShows(string status, string health)
    {
        var container = new Container(new ContainerListResponse { ID = "a1", Status = status }, Engine);

        Assert.Equal(new ContainerHealth(health, null, null, null), container.Health);
        Assert.Equal(health, container.Health.ToString());
    }

    [Fact]
    public void TheEnginesHealthSummaryWinsOverTheStatusText()
    {
        var raw = new ContainerListResponse { ID = "a1", Status = "Up 5 seconds (health: starting)", Health = new HealthSummary { Status = "unhealthy", FailingStreak = 4 } };

        Assert.Equal(new ContainerHealth("unhealthy", 4, null, null), new Container(raw, Engine).Health);
    }

    [Fact]
    public void AnInspectedContainersHealthHasTheLastProbe()
    {
        var log = new List<HealthcheckResult>
        {
            new() { ExitCode = 0, Output = "fine\n" },
            new() { ExitCode = 3, Output = "broken\n" },
        };
        var raw = new ContainerInspectResponse { ID = "a1", Name = "/web", State = new State { Health = new Health { Status = "unhealthy", FailingStreak = 1, Log = log } } };

        Assert.Equal(new ContainerHealth("unhealthy", 1, 3, "broken"), new ContainerDetail(raw, Engine).Health);
        Assert.Equal(new ContainerHealth("none", null, null, null), new ContainerDetail(new ContainerInspectResponse { ID = "a1", Name = "/web", State = new State() }, Engine).Health);
        Assert.Equal(new ContainerHealth("starting", 0, null, null),
            new ContainerDetail(new ContainerInspectResponse { ID = "a1", Name = "/web", State = new State { Health = new Health { Status = "starting" } } }, Engine).Health);
    }
}
