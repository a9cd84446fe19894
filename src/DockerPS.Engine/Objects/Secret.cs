namespace DockerPS;

/// <summary>
/// A swarm secret as <c>docker secret inspect</c> shows it, with the engine (a manager) it came from. The engine never
/// gives a secret's value back, so neither does this object.
/// </summary>
public sealed class Secret : SwarmObject
{
    private readonly Docker.DotNet.Models.Secret _raw;

    internal Secret(Docker.DotNet.Models.Secret raw, DockerEngine engine)
        : base(raw.Spec?.Labels, raw.CreatedAt, raw.UpdatedAt, raw.Version, engine) => _raw = raw;

    public string Id => _raw.ID;

    public string Name => _raw.Spec?.Name ?? string.Empty;

    /// <summary>The secret store plugin that holds the value; null for the swarm's own store.</summary>
    public string? Driver => _raw.Spec?.Driver?.Name;

    /// <summary>The templating driver (golang) that expands the value in each task; null when it is taken as it is.</summary>
    public string? TemplateDriver => _raw.Spec?.Templating?.Name;

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public Docker.DotNet.Models.Secret GetRaw() => _raw;

    public override string ToString() => Name;
}
