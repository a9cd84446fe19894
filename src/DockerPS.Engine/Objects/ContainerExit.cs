namespace DockerPS;

/// <summary>What <c>docker wait</c> prints, with the container it is about: the exit code a container had when the wait ended.</summary>
public sealed class ContainerExit
{
    internal ContainerExit(string container, long exitCode, DockerEngine engine)
    {
        Container = container;
        ExitCode = exitCode;
        Engine = engine;
    }

    /// <summary>The container as it was named to the cmdlet.</summary>
    public string Container { get; }

    public long ExitCode { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => $"{Container}: {ExitCode}";
}
