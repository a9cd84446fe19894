using Docker.DotNet.Models;

namespace DockerPS.Operations;

/// <summary>What <c>docker node update</c> changes; what is left null or empty stays as it is.</summary>
public sealed class NodeUpdate
{
    /// <summary>active, pause or drain.</summary>
    public string? Availability { get; init; }

    /// <summary>manager or worker.</summary>
    public string? Role { get; init; }

    /// <summary>Labels to add or change.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of labels to remove.</summary>
    public IReadOnlyList<string> RemoveLabels { get; init; } = [];

    /// <summary>The node's settings as they are now, with these changes.</summary>
    internal void ApplyTo(NodeUpdateParameters spec)
    {
        spec.Availability = Availability ?? spec.Availability;
        spec.Role = Role ?? spec.Role;
        spec.Labels ??= new Dictionary<string, string>();
        foreach (var name in RemoveLabels)
        {
            spec.Labels.Remove(name);
        }
        foreach (var (name, value) in Labels)
        {
            spec.Labels[name] = value;
        }
    }
}
