namespace DockerPS;

/// <summary>What <c>docker stack ls</c> lists: a stack on a swarm, found by its services' com.docker.stack.namespace label.</summary>
public sealed class SwarmStack
{
    internal SwarmStack(string name, int services, DockerEngine engine)
    {
        Name = name;
        Services = services;
        Engine = engine;
    }

    public string Name { get; }

    /// <summary>How many services the stack has.</summary>
    public int Services { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => Name;
}
