using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A path in a container as the engine stats it (<c>docker cp</c> asks the same): kind, size, mode, time, link target.</summary>
public sealed class ContainerPathInfo
{
    // Go's os.FileMode type bits, as the engine sends them.
    private const uint GoDirectory = 1u << 31;
    private const uint GoSymlink = 1u << 27;
    private const uint GoSetuid = 1u << 23;
    private const uint GoSetgid = 1u << 22;
    private const uint GoSticky = 1u << 20;

    internal ContainerPathInfo(string container, string path, ContainerPathStatResponse raw, DockerEngine engine)
    {
        Container = container;
        Path = path;
        Raw = raw;
        Engine = engine;
    }

    public string Container { get; }

    /// <summary>The path as it was asked for.</summary>
    public string Path { get; }

    public string Name => Raw.Name;

    public bool IsDirectory => (Raw.Mode & GoDirectory) != 0;

    public bool IsSymbolicLink => (Raw.Mode & GoSymlink) != 0;

    public long Size => Raw.Size;

    /// <summary>Permission bits, with setuid, setgid and sticky.</summary>
    public UnixFileMode Mode => (UnixFileMode)((Raw.Mode & 0x1FF)
        | ((Raw.Mode & GoSetuid) != 0 ? 0x800u : 0) | ((Raw.Mode & GoSetgid) != 0 ? 0x400u : 0) | ((Raw.Mode & GoSticky) != 0 ? 0x200u : 0));

    public DateTime LastWriteTime => Raw.Mtime.ToLocalTime();

    /// <summary>For a symbolic link, where it leads (the engine resolves it to an absolute path in the container).</summary>
    public string? LinkTarget => string.IsNullOrEmpty(Raw.LinkTarget) ? null : Raw.LinkTarget;

    public DockerEngine Engine { get; }

    public ContainerPathStatResponse Raw { get; }

    public override string ToString() => $"{Container}:{Path}";
}
