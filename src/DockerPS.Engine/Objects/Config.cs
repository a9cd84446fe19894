using System.Text;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A swarm config as <c>docker config inspect</c> shows it, content included, with the engine (a manager) it came from.</summary>
public sealed class Config : SwarmObject
{
    private readonly SwarmConfig _raw;

    internal Config(SwarmConfig raw, DockerEngine engine)
        : base(raw.Spec?.Labels, raw.CreatedAt, raw.UpdatedAt, raw.Version, engine)
    {
        _raw = raw;
        Content = Encoding.UTF8.GetString(GetData());
    }

    public string Id => _raw.ID;

    public string Name => _raw.Spec?.Name ?? string.Empty;

    /// <summary>The content as UTF-8 text; <see cref="GetData"/> has its bytes.</summary>
    public string Content { get; }

    /// <summary>The templating driver (golang) that expands the content in each task; null when it is taken as it is.</summary>
    public string? TemplateDriver => _raw.Spec?.Templating?.Name;

    /// <summary>The content's bytes, as they were given (a copy).</summary>
    public byte[] GetData() => (byte[]?)_raw.Spec?.Data?.Clone() ?? [];

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public SwarmConfig GetRaw() => _raw;

    public override string ToString() => Name;
}
