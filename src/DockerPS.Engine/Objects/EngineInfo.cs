using Docker.DotNet.Models;

namespace DockerPS;

/// <summary><c>docker info</c>: what the engine runs on and holds.</summary>
public sealed class EngineInfo
{
    internal EngineInfo(SystemInfoResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
    }

    public string Name => Raw.Name;

    public string ServerVersion => Raw.ServerVersion;

    public long Containers => Raw.Containers;

    public long ContainersRunning => Raw.ContainersRunning;

    public long ContainersPaused => Raw.ContainersPaused;

    public long ContainersStopped => Raw.ContainersStopped;

    public long Images => Raw.Images;

    /// <summary>The storage driver, e.g. <c>overlay2</c>.</summary>
    public string Driver => Raw.Driver;

    public string CgroupDriver => Raw.CgroupDriver;

    public string? CgroupVersion => Raw.CgroupVersion;

    public string OperatingSystem => Raw.OperatingSystem;

    public string OSType => Raw.OSType;

    public string Architecture => Raw.Architecture;

    public string KernelVersion => Raw.KernelVersion;

    public long NCPU => Raw.NCPU;

    /// <summary>Memory in bytes.</summary>
    public long MemTotal => Raw.MemTotal;

    public string DockerRootDir => Raw.DockerRootDir;

    /// <summary>inactive, pending, active, error or locked.</summary>
    public string? SwarmState => Raw.Swarm?.LocalNodeState;

    public IReadOnlyList<string> Warnings => Raw.Warnings?.ToArray() ?? [];

    public DockerEngine Engine { get; }

    public SystemInfoResponse Raw { get; }

    public override string ToString() => Name;
}
