namespace DockerPS;

/// <summary>
/// What an object a swarm manager keeps (a secret, a config) has besides its id, name and content: labels, times, the
/// version of its record, and the engine (a manager) it came from.
/// </summary>
public abstract class SwarmObject
{
    private protected SwarmObject(IDictionary<string, string>? labels, DateTime? created, DateTime? updated, Docker.DotNet.Models.Version? version, DockerEngine engine)
    {
        Labels = new(labels);
        Created = created?.ToLocalTime() ?? default;
        Updated = updated?.ToLocalTime() ?? default;
        Version = version?.Index ?? 0;
        Engine = engine;
    }

    public ValueMap Labels { get; }

    public DateTime Created { get; }

    public DateTime Updated { get; }

    /// <summary>The version of the object's record in the swarm.</summary>
    public ulong Version { get; }

    public DockerEngine Engine { get; }
}
