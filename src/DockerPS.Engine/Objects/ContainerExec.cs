using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A process started in a running container (<c>docker exec</c>), as the engine's exec inspect shows it.</summary>
public sealed class ContainerExec
{
    internal ContainerExec(ContainerExecInspectResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
    }

    /// <summary>The exec instance's id (not the container's).</summary>
    public string Id => Raw.ID;

    public string ContainerId => Raw.ContainerID;

    public string Command => string.Join(' ', new[] { Raw.ProcessConfig?.Entrypoint ?? string.Empty }.Concat(Raw.ProcessConfig?.Arguments ?? []));

    public bool Running => Raw.Running;

    /// <summary>The process's exit code once it has ended.</summary>
    public long? ExitCode => Raw.Running ? null : Raw.ExitCode;

    /// <summary>The process id on the engine's host; 0 once it has ended.</summary>
    public long Pid => Raw.Pid;

    public DockerEngine Engine { get; }

    /// <summary>The engine's exec inspect answer, unchanged.</summary>
    public ContainerExecInspectResponse Raw { get; }

    public override string ToString() => Id;
}
