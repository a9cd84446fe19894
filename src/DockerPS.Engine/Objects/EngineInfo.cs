using Docker.DotNet.Models;

namespace DockerPS;

/// <summary><c>docker info</c>: what the engine runs on and holds.</summary>
public sealed class EngineInfo
{
    private readonly SystemInfoResponse _raw;

    internal EngineInfo(SystemInfoResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
    }

    public string Name => _raw.Name;

    public string ServerVersion => _raw.ServerVersion;

    public long Containers => _raw.Containers;

    public long ContainersRunning => _raw.ContainersRunning;

    public long ContainersPaused => _raw.ContainersPaused;

    public long ContainersStopped => _raw.ContainersStopped;

    public long Images => _raw.Images;

    /// <summary>The storage driver, e.g. <c>overlay2</c>.</summary>
    public string Driver => _raw.Driver;

    public string CgroupDriver => _raw.CgroupDriver;

    public string? CgroupVersion => _raw.CgroupVersion;

    public string OperatingSystem => _raw.OperatingSystem;

    public string OSType => _raw.OSType;

    public string Architecture => _raw.Architecture;

    public string KernelVersion => _raw.KernelVersion;

    public long NCPU => _raw.NCPU;

    /// <summary>Memory in bytes.</summary>
    public long MemTotal => _raw.MemTotal;

    public string DockerRootDir => _raw.DockerRootDir;

    /// <summary>inactive, pending, active, error or locked.</summary>
    public string? SwarmState => _raw.Swarm?.LocalNodeState;

    /// <summary>The engine's node in its swarm (<c>NodeID</c> under Swarm in <c>docker info</c>); empty in no swarm.</summary>
    public string? SwarmNodeId => _raw.Swarm?.NodeID;

    /// <summary>The address the other nodes reach this one at (<c>Node Address</c>).</summary>
    public string? SwarmNodeAddress => _raw.Swarm?.NodeAddr;

    /// <summary>Whether the engine is a manager of its swarm (<c>Is Manager</c>).</summary>
    public bool SwarmIsManager => _raw.Swarm?.ControlAvailable == true;

    /// <summary>The swarm's id (<c>ClusterID</c>); a manager's answer only.</summary>
    public string? SwarmClusterId => _raw.Swarm?.Cluster?.ID;

    /// <summary>How many managers the swarm has (<c>Managers</c>); a manager's answer only.</summary>
    public long? SwarmManagers => _raw.Swarm?.Managers;

    /// <summary>How many nodes the swarm has (<c>Nodes</c>); a manager's answer only.</summary>
    public long? SwarmNodes => _raw.Swarm?.Nodes;

    public ValueList<string> Warnings => new(_raw.Warnings);

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public SystemInfoResponse GetRaw() => _raw;

    public override string ToString() => Name;
}
