namespace DockerPS;

/// <summary>What a prune removed (<c>docker container prune</c>, <c>docker volume prune</c>, <c>docker system prune</c>): the ids or names, and the disk space that freed.</summary>
public sealed class PruneResult
{
    public PruneResult(IEnumerable<string> removed, long spaceReclaimed, DockerEngine engine)
    {
        Removed = new(removed);
        SpaceReclaimed = spaceReclaimed;
        Engine = engine;
    }

    /// <summary>The removed objects as the engine names them: full ids of containers and images, names of networks and volumes.</summary>
    public ValueList<string> Removed { get; }

    /// <summary>Bytes freed.</summary>
    public long SpaceReclaimed { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => $"{Removed.Count} removed";
}
