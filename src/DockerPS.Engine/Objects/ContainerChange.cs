using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>How a path in a container's filesystem differs from its image.</summary>
public enum ContainerChangeKind
{
    Modified,
    Added,
    Deleted,
}

/// <summary>One line of <c>docker diff</c>: a path the container changed, added or deleted.</summary>
public sealed class ContainerChange
{
    private readonly ContainerFileSystemChangeResponse _raw;

    internal ContainerChange(string container, ContainerFileSystemChangeResponse raw, DockerEngine engine)
    {
        Container = container;
        _raw = raw;
        Engine = engine;
        Kind = raw.Kind switch
        {
            FileSystemChangeKind.Add => ContainerChangeKind.Added,
            FileSystemChangeKind.Delete => ContainerChangeKind.Deleted,
            _ => ContainerChangeKind.Modified,
        };
    }

    /// <summary>The container as it was named to the cmdlet.</summary>
    public string Container { get; }

    public ContainerChangeKind Kind { get; }

    /// <summary>The letter <c>docker diff</c> prints: C (changed), A (added) or D (deleted).</summary>
    public string Code => Kind switch
    {
        ContainerChangeKind.Added => "A",
        ContainerChangeKind.Deleted => "D",
        _ => "C",
    };

    public string Path => _raw.Path;

    public DockerEngine Engine { get; }

    /// <summary>The engine's change entry, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ContainerFileSystemChangeResponse GetRaw() => _raw;

    public override string ToString() => $"{Code} {Path}";
}
