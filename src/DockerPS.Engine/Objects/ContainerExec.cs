using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A process started in a running container (<c>docker exec</c>), as the engine's exec inspect shows it.</summary>
public sealed class ContainerExec
{
    private readonly ContainerExecInspectResponse _raw;

    internal ContainerExec(ContainerExecInspectResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
    }

    /// <summary>The exec instance's id (not the container's).</summary>
    public string Id => _raw.ID;

    public string ContainerId => _raw.ContainerID;

    public string Command => string.Join(' ', new[] { _raw.ProcessConfig?.Entrypoint ?? string.Empty }.Concat(_raw.ProcessConfig?.Arguments ?? []));

    public bool Running => _raw.Running;

    /// <summary>The process's exit code once it has ended.</summary>
    public long? ExitCode => _raw.Running ? null : _raw.ExitCode;

    /// <summary>The process id on the engine's host; 0 once it has ended.</summary>
    public long Pid => _raw.Pid;

    public DockerEngine Engine { get; }

    /// <summary>The engine's exec inspect answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ContainerExecInspectResponse GetRaw() => _raw;

    public override string ToString() => Id;
}
