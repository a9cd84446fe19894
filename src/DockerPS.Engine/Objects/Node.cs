using System.Globalization;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A swarm node as <c>docker node inspect</c> shows it, with the engine (a manager) it came from.</summary>
public sealed class Node
{
    private readonly NodeListResponse _raw;

    internal Node(NodeListResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Labels = new(raw.Spec?.Labels);
        EngineLabels = new(raw.Description?.Engine?.Labels);
    }

    public string Id => _raw.ID;

    /// <summary>The node's hostname, which <c>docker node ls</c> shows and node names resolve to.</summary>
    public string Hostname => _raw.Description?.Hostname ?? string.Empty;

    /// <summary>manager or worker.</summary>
    public string Role => _raw.Spec?.Role ?? string.Empty;

    /// <summary>active, pause or drain.</summary>
    public string Availability => _raw.Spec?.Availability ?? string.Empty;

    /// <summary>ready, down, unknown or disconnected.</summary>
    public string Status => _raw.Status?.State ?? string.Empty;

    /// <summary>The address the node reaches the swarm from.</summary>
    public string? Address => _raw.Status?.Addr;

    /// <summary>Leader, Reachable or Unreachable for a manager, as <c>docker node ls</c> shows it; null for a worker.</summary>
    public string? ManagerStatus => _raw.ManagerStatus switch
    {
        null => null,
        { Leader: true } => "Leader",
        var status => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(status.Reachability ?? string.Empty),
    };

    public bool IsLeader => _raw.ManagerStatus?.Leader == true;

    /// <summary>The Docker version of the node's engine.</summary>
    public string? EngineVersion => _raw.Description?.Engine?.EngineVersion;

    /// <summary>The node's labels in the swarm (<c>docker node update --label-add</c>), which placement constraints read.</summary>
    public ValueMap Labels { get; }

    /// <summary>The labels of the node's engine (its daemon configuration).</summary>
    public ValueMap EngineLabels { get; }

    /// <summary>The node's OS and architecture, e.g. linux/x86_64.</summary>
    public string Platform => $"{_raw.Description?.Platform?.OS}/{_raw.Description?.Platform?.Architecture}";

    public DateTime Created => _raw.CreatedAt?.ToLocalTime() ?? default;

    public DateTime Updated => _raw.UpdatedAt?.ToLocalTime() ?? default;

    /// <summary>The version of the node's record, which an update names.</summary>
    public ulong Version => _raw.Version?.Index ?? 0;

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public NodeListResponse GetRaw() => _raw;

    public override string ToString() => Hostname;
}
