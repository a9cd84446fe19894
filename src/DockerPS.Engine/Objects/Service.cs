using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>A swarm service as <c>docker service inspect</c> shows it, with the engine (a manager) it came from.</summary>
public sealed class Service
{
    private readonly SwarmService _raw;

    internal Service(SwarmService raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
        Labels = new(raw.Spec?.Labels);
        var container = raw.Spec?.TaskTemplate?.ContainerSpec;
        Environment = new(container?.Env ?? []);
        Command = new([.. container?.Command ?? [], .. container?.Args ?? []]);
        Ports = new((raw.Spec?.EndpointSpec?.Ports ?? []).Select(p => $"*:{p.PublishedPort}->{p.TargetPort}/{p.Protocol}").ToArray());
        Constraints = new(raw.Spec?.TaskTemplate?.Placement?.Constraints ?? []);
        Secrets = new((container?.Secrets ?? []).Select(s => s.SecretName).OfType<string>());
        Configs = new((container?.Configs ?? []).Select(c => c.ConfigName).OfType<string>());
        Networks = new((raw.Spec?.TaskTemplate?.Networks ?? []).Select(n => n.Target).OfType<string>());
    }

    public string Id => _raw.ID;

    public string Name => _raw.Spec?.Name ?? string.Empty;

    /// <summary>replicated or global (replicated-job and global-job for jobs).</summary>
    public string Mode => _raw.Spec?.Mode switch
    {
        { Global: not null } => "global",
        { ReplicatedJob: not null } => "replicated-job",
        { GlobalJob: not null } => "global-job",
        _ => "replicated",
    };

    /// <summary>The replicas asked for; null for a global service (one task per node).</summary>
    public ulong? Replicas => _raw.Spec?.Mode?.Replicated?.Replicas;

    /// <summary>Tasks running now, as the list call counts them (API 1.41+).</summary>
    public ulong RunningTasks => _raw.ServiceStatus?.RunningTasks ?? 0;

    /// <summary>Tasks the service should have running now.</summary>
    public ulong DesiredTasks => _raw.ServiceStatus?.DesiredTasks ?? 0;

    /// <summary>running/desired, as the REPLICAS column of <c>docker service ls</c>.</summary>
    public string ReplicaStatus => $"{RunningTasks}/{DesiredTasks}";

    /// <summary>The image the tasks run, as given (the docker CLI pins a digest when it can reach the registry).</summary>
    public string Image => _raw.Spec?.TaskTemplate?.ContainerSpec?.Image ?? string.Empty;

    /// <summary>The entrypoint and arguments the tasks run, if set.</summary>
    public ValueList<string> Command { get; }

    /// <summary>NAME=value entries.</summary>
    public ValueList<string> Environment { get; }

    public ValueMap Labels { get; }

    /// <summary>Published ports, <c>*:8080->80/tcp</c> as <c>docker service ls</c> shows them.</summary>
    public ValueList<string> Ports { get; }

    public ValueList<string> Constraints { get; }

    /// <summary>The ids of the networks the tasks attach to, as the swarm keeps them (Get-DockerNetwork takes ids).</summary>
    public ValueList<string> Networks { get; }

    /// <summary>Names of the secrets the tasks get.</summary>
    public ValueList<string> Secrets { get; }

    /// <summary>Names of the configs the tasks get.</summary>
    public ValueList<string> Configs { get; }

    /// <summary>The state of the last update or rollback (updating, paused, completed, rollback_started, rollback_paused, rollback_completed); null if none ran.</summary>
    public string? UpdateState => _raw.UpdateStatus?.State;

    /// <summary>What the engine said about the last update or rollback.</summary>
    public string? UpdateMessage => _raw.UpdateStatus?.Message;

    public DateTime Created => _raw.CreatedAt?.ToLocalTime() ?? default;

    public DateTime Updated => _raw.UpdatedAt?.ToLocalTime() ?? default;

    /// <summary>The version of the service's record, which an update names.</summary>
    public ulong Version => _raw.Version?.Index ?? 0;

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public SwarmService GetRaw() => _raw;

    public override string ToString() => Name;
}
