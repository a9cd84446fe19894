using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A container as <c>docker ps -a</c> lists it, with the engine it came from.</summary>
public sealed class Container
{
    internal Container(ContainerListResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
        Names = raw.Names?.Select(n => n.TrimStart('/')).ToArray() ?? [];
        Ports = raw.Ports?.Select(p => new ContainerPort(p.IP, p.PrivatePort, p.PublicPort, p.Type)).ToArray() ?? [];
        Labels = raw.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Labels);
        Networks = raw.NetworkSettings?.Networks?.Keys.ToArray() ?? [];
    }

    public string Id => Raw.ID;

    /// <summary>The container's name, without the engine's leading slash.</summary>
    public string Name => Names.Count > 0 ? Names[0] : string.Empty;

    public IReadOnlyList<string> Names { get; }

    /// <summary>The image as the container was created from it (a name in its familiar form, or an id).</summary>
    public string Image => Parsing.ImageReference.Familiar(Raw.Image);

    public string ImageId => Raw.ImageID;

    public string Command => Raw.Command;

    public DateTime Created => Raw.Created.ToLocalTime();

    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string State => Raw.State;

    /// <summary>The engine's human status, e.g. <c>Up 5 minutes</c> or <c>Exited (0) 2 hours ago</c>.</summary>
    public string Status => Raw.Status;

    public IReadOnlyList<ContainerPort> Ports { get; }

    public Dictionary<string, string> Labels { get; }

    public IReadOnlyList<string> Networks { get; }

    /// <summary>Bytes the container wrote (its writable layer); null unless the engine was asked for sizes.</summary>
    public long? SizeRw => Raw.SizeRw;

    public DockerEngine Engine { get; }

    /// <summary>The engine's list entry, unchanged.</summary>
    public ContainerListResponse Raw { get; }

    public override string ToString() => Name;
}

/// <summary>A port of a container; prints like <c>docker ps</c> (<c>127.0.0.1:8080->80/tcp</c>).</summary>
public sealed record ContainerPort(string? IP, ushort PrivatePort, ushort? PublicPort, string Type)
{
    public override string ToString() => PublicPort is { } published
        ? $"{(string.IsNullOrEmpty(IP) ? string.Empty : (IP.Contains(':') ? $"[{IP}]" : IP) + ":")}{published}->{PrivatePort}/{Type}"
        : $"{PrivatePort}/{Type}";
}
