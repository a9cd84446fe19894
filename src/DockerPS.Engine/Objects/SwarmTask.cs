using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// A task of a swarm service, one slot's container on one node, as <c>docker service ps</c> shows it: where it runs,
/// the state it should be in and the state it is in, and what went wrong.
/// </summary>
public sealed class SwarmTask
{
    private readonly TaskResponse _raw;

    internal SwarmTask(TaskResponse raw, string serviceName, string? node, DockerEngine engine)
    {
        _raw = raw;
        ServiceName = serviceName;
        Node = node;
        Engine = engine;
    }

    public string Id => _raw.ID;

    /// <summary>service.slot for a replicated service, service.nodeid for a global one, as <c>docker service ps</c> names tasks.</summary>
    public string Name => _raw.Slot is { } slot and > 0 ? $"{ServiceName}.{slot}" : $"{ServiceName}.{_raw.NodeID}";

    public string ServiceName { get; }

    public string ServiceId => _raw.ServiceID ?? string.Empty;

    /// <summary>The slot of a replicated service's task; null for a global service.</summary>
    public ulong? Slot => _raw.Slot is { } slot and > 0 ? (ulong)slot : null;

    /// <summary>The hostname of the node the task was given to; null before the scheduler placed it.</summary>
    public string? Node { get; }

    public string NodeId => _raw.NodeID ?? string.Empty;

    public string Image => _raw.Spec?.ContainerSpec?.Image ?? string.Empty;

    /// <summary>The state the swarm wants the task in: running, shutdown, …</summary>
    public string DesiredState => _raw.DesiredState?.ToString().ToLowerInvariant() ?? string.Empty;

    /// <summary>The state the task is in: new, pending, assigned, preparing, starting, running, complete, failed, rejected, shutdown, …</summary>
    public string State => _raw.Status?.State?.ToString().ToLowerInvariant() ?? string.Empty;

    /// <summary>When the task entered its state.</summary>
    public DateTime StateChanged => _raw.Status?.Timestamp?.ToLocalTime() ?? default;

    /// <summary>Why the task failed or was rejected, as the ERROR column of <c>docker service ps</c>.</summary>
    public string? Error => string.IsNullOrEmpty(_raw.Status?.Err) ? null : _raw.Status.Err;

    /// <summary>What the engine says about the state.</summary>
    public string? Message => _raw.Status?.Message;

    /// <summary>The task's container on its node.</summary>
    public string? ContainerId => _raw.Status?.ContainerStatus?.ContainerID;

    public long? ExitCode => _raw.Status?.ContainerStatus is { ContainerID.Length: > 0 } status ? status.ExitCode : null;

    public DateTime Created => _raw.CreatedAt?.ToLocalTime() ?? default;

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public TaskResponse GetRaw() => _raw;

    public override string ToString() => Name;
}
