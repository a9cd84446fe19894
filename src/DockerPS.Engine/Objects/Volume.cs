using System.Globalization;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A volume as <c>docker volume ls</c> and <c>docker volume inspect</c> show it, with the engine it came from.</summary>
public sealed class Volume
{
    /// <summary>The label engines of API 1.42 and later put on volumes they made without a name.</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    internal Volume(VolumeResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
        Labels = raw.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Labels);
        Options = raw.Options is null ? new Dictionary<string, string>() : new Dictionary<string, string>(raw.Options);
        Created = DateTimeOffset.TryParse(raw.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            ? created.LocalDateTime
            : null;
    }

    public string Name => Raw.Name;

    public string Driver => Raw.Driver;

    /// <summary>Where the volume's data is on the engine's host.</summary>
    public string Mountpoint => Raw.Mountpoint;

    /// <summary>local (this engine) or global (a cluster).</summary>
    public string Scope => Raw.Scope;

    public Dictionary<string, string> Labels { get; }

    /// <summary>The driver options it was created with.</summary>
    public Dictionary<string, string> Options { get; }

    /// <summary>Null when the engine does not say (some drivers and older engines).</summary>
    public DateTime? Created { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's volume, unchanged.</summary>
    public VolumeResponse Raw { get; }

    public override string ToString() => Name;
}
