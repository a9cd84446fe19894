using System.Globalization;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// A container as <c>docker container inspect</c> shows it: state, ports, mounts and networks, with the engine it came
/// from; the engine's Config and HostConfig are the hidden properties of those names in PowerShell. Pipes into the
/// container cmdlets like <see cref="Container"/>.
/// </summary>
public sealed class ContainerDetail
{
    private readonly ContainerInspectResponse _raw;

    internal ContainerDetail(ContainerInspectResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Labels = new(raw.Config?.Labels);
        Networks = new(raw.NetworkSettings?.Networks?.Keys);
        Ports = new(raw.NetworkSettings?.Ports?.SelectMany(p => PortsOf(p.Key, p.Value)));
        Health = ContainerHealth.FromState(raw.State?.Health);
        Mounts = new(raw.Mounts?.Select(m => new ContainerMount(m.Type ?? string.Empty, string.IsNullOrEmpty(m.Name) ? null : m.Name, m.Source, m.Destination, m.RW, m.Mode)));
    }

    public string Id => _raw.ID;

    /// <summary>The container's name, without the engine's leading slash.</summary>
    public string Name => _raw.Name.TrimStart('/');

    /// <summary>The image as the container was created from it (a name in its familiar form, or an id).</summary>
    public string Image => Parsing.ImageReference.Familiar(_raw.Config?.Image ?? _raw.Image);

    public string ImageId => _raw.Image;

    public string Command => string.Join(' ', new[] { _raw.Path }.Concat(_raw.Args ?? []));

    public DateTime Created => _raw.Created.ToLocalTime();

    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string State => _raw.State?.Status ?? string.Empty;

    public long ExitCode => _raw.State?.ExitCode ?? 0;

    public DateTime? StartedAt => Time(_raw.State?.StartedAt);

    public DateTime? FinishedAt => Time(_raw.State?.FinishedAt);

    public long Pid => _raw.State?.Pid ?? 0;

    /// <summary>Whether the main process runs on a pseudo-terminal (created with -Tty, <c>--tty</c>).</summary>
    public bool Tty => _raw.Config?.Tty ?? false;

    /// <summary>Whether its stdin stays open for attaching (created with -Interactive, <c>--interactive</c>).</summary>
    public bool OpenStdin => _raw.Config?.OpenStdin ?? false;

    public long RestartCount => _raw.RestartCount;

    /// <summary>The health check's status and last probe, as the engine last recorded them (a stopped container keeps its last status).</summary>
    public ContainerHealth Health { get; }

    public ValueList<ContainerPort> Ports { get; }

    public ValueMap Labels { get; }

    public ValueList<string> Networks { get; }

    public ValueList<ContainerMount> Mounts { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's inspect answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public ContainerInspectResponse GetRaw() => _raw;

    public override string ToString() => Name;

    /// <summary>Engine times are RFC 3339; the zero time means "never".</summary>
    internal static DateTime? Time(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1
            ? time.ToLocalTime()
            : null;

    private static IEnumerable<ContainerPort> PortsOf(string key, IList<PortBinding>? bindings)
    {
        var slash = key.IndexOf('/');
        var port = ushort.Parse(slash < 0 ? key : key[..slash], CultureInfo.InvariantCulture);
        var type = slash < 0 ? "tcp" : key[(slash + 1)..];
        if (bindings is null || bindings.Count == 0)
        {
            return [new ContainerPort(null, port, null, type)];
        }
        return bindings.Select(b => new ContainerPort(b.HostIP, port, ushort.TryParse(b.HostPort, out var host) ? host : null, type));
    }
}
