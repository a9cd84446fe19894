using System.Globalization;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// A container as <c>docker container inspect</c> shows it: configuration, host configuration, state and
/// networking, with the engine it came from. Pipes into the container cmdlets like <see cref="Container"/>.
/// </summary>
public sealed class ContainerDetail
{
    internal ContainerDetail(ContainerInspectResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
        Labels = raw.Config?.Labels is { } labels ? new Dictionary<string, string>(labels) : new Dictionary<string, string>();
        Networks = raw.NetworkSettings?.Networks?.Keys.ToArray() ?? [];
        Ports = raw.NetworkSettings?.Ports?
            .SelectMany(p => PortsOf(p.Key, p.Value))
            .ToArray() ?? [];
    }

    public string Id => Raw.ID;

    /// <summary>The container's name, without the engine's leading slash.</summary>
    public string Name => Raw.Name.TrimStart('/');

    /// <summary>The image as the container was created from it (a name in its familiar form, or an id).</summary>
    public string Image => Parsing.ImageReference.Familiar(Raw.Config?.Image ?? Raw.Image);

    public string ImageId => Raw.Image;

    public string Command => string.Join(' ', new[] { Raw.Path }.Concat(Raw.Args ?? []));

    public DateTime Created => Raw.Created.ToLocalTime();

    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string State => Raw.State?.Status ?? string.Empty;

    public long ExitCode => Raw.State?.ExitCode ?? 0;

    public DateTime? StartedAt => Time(Raw.State?.StartedAt);

    public DateTime? FinishedAt => Time(Raw.State?.FinishedAt);

    public long Pid => Raw.State?.Pid ?? 0;

    public long RestartCount => Raw.RestartCount;

    public IReadOnlyList<ContainerPort> Ports { get; }

    public Dictionary<string, string> Labels { get; }

    public IReadOnlyList<string> Networks { get; }

    public IReadOnlyList<MountPoint> Mounts => Raw.Mounts?.ToArray() ?? [];

    public ContainerConfig? Config => Raw.Config;

    public HostConfig? HostConfig => Raw.HostConfig;

    public DockerEngine Engine { get; }

    /// <summary>The engine's inspect answer, unchanged.</summary>
    public ContainerInspectResponse Raw { get; }

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
