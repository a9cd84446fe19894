using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A container as <c>docker ps -a</c> lists it, with the engine it came from.</summary>
public sealed class Container
{
    private readonly ContainerListResponse _raw;

    internal Container(ContainerListResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Names = new(raw.Names?.Select(n => n.TrimStart('/')));
        Ports = new(raw.Ports?.Select(p => new ContainerPort(p.IP, p.PrivatePort, p.PublicPort, p.Type)));
        Labels = new(raw.Labels);
        Networks = new(raw.NetworkSettings?.Networks?.Keys);
        Health = ContainerHealth.FromList(raw);
    }

    public string Id => _raw.ID;

    /// <summary>The container's name, without the engine's leading slash.</summary>
    public string Name => Names.Count > 0 ? Names[0] : string.Empty;

    public ValueList<string> Names { get; }

    /// <summary>The image as the container was created from it (a name in its familiar form, or an id).</summary>
    public string Image => Parsing.ImageReference.Familiar(_raw.Image);

    public string ImageId => _raw.ImageID;

    public string Command => _raw.Command;

    public DateTime Created => _raw.Created.ToLocalTime();

    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string State => _raw.State;

    /// <summary>The engine's human status, e.g. <c>Up 5 minutes (healthy)</c> or <c>Exited (0) 2 hours ago</c>.</summary>
    public string Status => _raw.Status;

    /// <summary>The health check's status as docker ps shows it (none for a container that has no check or is not running).</summary>
    public ContainerHealth Health { get; }

    public ValueList<ContainerPort> Ports { get; }

    public ValueMap Labels { get; }

    public ValueList<string> Networks { get; }

    /// <summary>Bytes the container wrote (its writable layer); null unless the engine was asked for sizes.</summary>
    public long? SizeRw => _raw.SizeRw;

    public DockerEngine Engine { get; }

    /// <summary>The engine's list entry, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ContainerListResponse GetRaw() => _raw;

    public override string ToString() => Name;
}

/// <summary>A port of a container; prints like <c>docker ps</c> (<c>127.0.0.1:8080->80/tcp</c>).</summary>
public sealed record ContainerPort(string? IP, ushort PrivatePort, ushort? PublicPort, string Type)
{
    public override string ToString() => PublicPort is { } published
        ? $"{(string.IsNullOrEmpty(IP) ? string.Empty : (IP.Contains(':') ? $"[{IP}]" : IP) + ":")}{published}->{PrivatePort}/{Type}"
        : $"{PrivatePort}/{Type}";
}
