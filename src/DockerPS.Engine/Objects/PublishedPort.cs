namespace DockerPS;

/// <summary>
/// One line of <c>docker port</c>: a container port published on the engine's host. Written
/// <c>80/tcp -&gt; 0.0.0.0:8080</c>, as the docker CLI prints it.
/// </summary>
public sealed class PublishedPort(string container, int privatePort, string protocol, string hostIp, int hostPort, DockerEngine engine)
{
    /// <summary>The container as it was named to the cmdlet.</summary>
    public string Container { get; } = container;

    /// <summary>The port in the container.</summary>
    public int PrivatePort { get; } = privatePort;

    /// <summary>tcp, udp or sctp.</summary>
    public string Protocol { get; } = protocol;

    /// <summary>The host address it is published on (0.0.0.0 or :: for all).</summary>
    public string HostIp { get; } = hostIp;

    public int HostPort { get; } = hostPort;

    public DockerEngine Engine { get; } = engine;

    /// <summary>The container side, as docker port names it: <c>80/tcp</c>.</summary>
    public string Port => $"{PrivatePort}/{Protocol}";

    /// <summary>The host side, as docker port prints it: <c>0.0.0.0:8080</c>, <c>[::]:8080</c>.</summary>
    public string HostAddress => $"{(HostIp.Contains(':') ? $"[{HostIp}]" : HostIp)}:{HostPort}";

    public override string ToString() => $"{Port} -> {HostAddress}";
}
