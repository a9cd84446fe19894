using System.Globalization;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A volume as <c>docker volume ls</c> and <c>docker volume inspect</c> show it, with the engine it came from.</summary>
public sealed class Volume
{
    /// <summary>The label engines of API 1.42 and later put on volumes they made without a name.</summary>
    public const string AnonymousLabel = "com.docker.volume.anonymous";

    private readonly VolumeResponse _raw;

    internal Volume(VolumeResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Labels = new(raw.Labels);
        Options = new(raw.Options);
        Created = DateTimeOffset.TryParse(raw.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var created)
            ? created.LocalDateTime
            : null;
    }

    public string Name => _raw.Name;

    public string Driver => _raw.Driver;

    /// <summary>Where the volume's data is on the engine's host.</summary>
    public string Mountpoint => _raw.Mountpoint;

    /// <summary>local (this engine) or global (a cluster).</summary>
    public string Scope => _raw.Scope;

    public ValueMap Labels { get; }

    /// <summary>The driver options it was created with.</summary>
    public ValueMap Options { get; }

    /// <summary>Null when the engine does not say (some drivers and older engines).</summary>
    public DateTime? Created { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's volume, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public VolumeResponse GetRaw() => _raw;

    public override string ToString() => Name;
}
