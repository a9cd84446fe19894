using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>The ids of the secrets, configs and networks that settings name, by the names given.</summary>
public sealed record ServiceReferences(IReadOnlyDictionary<string, string> Secrets, IReadOnlyDictionary<string, string> Configs, IReadOnlyDictionary<string, string> Networks)
{
    public static readonly ServiceReferences None = new(new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());
}

/// <summary>How a service rolls out an update or a rollback (<c>--update-*</c> and <c>--rollback-*</c>); null fields stay as they are.</summary>
public sealed record RolloutPolicy(ulong? Parallelism = null, TimeSpan? Delay = null, string? FailureAction = null, TimeSpan? Monitor = null,
    float? MaxFailureRatio = null, string? Order = null)
{
    public bool IsEmpty => this == new RolloutPolicy();
}

/// <summary>
/// What <c>docker service create</c> sets and <c>docker service update</c> changes, applied to a service's spec: a new
/// service's is empty, an updated one's is the spec read from the engine. Settings left null or empty stay as they are;
/// lists are changed per key (an environment variable by name, a port by target/protocol, a mount by target, a secret or
/// config by name, a network by name), the Remove* lists taking keys out first.
/// </summary>
public sealed class ServiceSettings
{
    public string? Image { get; init; }

    /// <summary>Replicas of a replicated service.</summary>
    public ulong? Replicas { get; init; }

    /// <summary>One task on every node (<c>--mode global</c>); only when creating.</summary>
    public bool Global { get; init; }

    /// <summary>The command's arguments (<c>docker service create IMAGE COMMAND ARGS</c>).</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Replaces the image's entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>NAME=value entries.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    public IReadOnlyList<string> RemoveEnvironment { get; init; } = [];

    /// <summary>The service's own labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RemoveLabels { get; init; } = [];

    /// <summary>Labels of the tasks' containers.</summary>
    public IReadOnlyDictionary<string, string> ContainerLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> RemoveContainerLabels { get; init; } = [];

    public IReadOnlyList<ServicePort> Ports { get; init; } = [];

    /// <summary>Target ports to unpublish, <c>80</c> or <c>80/udp</c>.</summary>
    public IReadOnlyList<string> RemovePorts { get; init; } = [];

    /// <summary>Mounts in the engine's Mount shape (<see cref="MountSpec.ParseMount"/>).</summary>
    public IReadOnlyList<JsonObject> Mounts { get; init; } = [];

    /// <summary>Targets of mounts to remove.</summary>
    public IReadOnlyList<string> RemoveMounts { get; init; } = [];

    public IReadOnlyList<string> Networks { get; init; } = [];

    /// <summary>DNS aliases of the service on each network of <see cref="Networks"/>, by the network's name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> NetworkAliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> RemoveNetworks { get; init; } = [];

    public IReadOnlyList<ServiceFileReference> Secrets { get; init; } = [];

    public IReadOnlyList<string> RemoveSecrets { get; init; } = [];

    public IReadOnlyList<ServiceFileReference> Configs { get; init; } = [];

    public IReadOnlyList<string> RemoveConfigs { get; init; } = [];

    /// <summary>Placement constraints, <c>node.role==manager</c>.</summary>
    public IReadOnlyList<string> Constraints { get; init; } = [];

    public IReadOnlyList<string> RemoveConstraints { get; init; } = [];

    /// <summary>Descriptors tasks spread over, <c>node.labels.zone</c>.</summary>
    public IReadOnlyList<string> PlacementPreferences { get; init; } = [];

    public IReadOnlyList<string> RemovePlacementPreferences { get; init; } = [];

    /// <summary>Per-node task limit (<c>--replicas-max-per-node</c>).</summary>
    public ulong? MaxReplicasPerNode { get; init; }

    public long? LimitCpus { get; init; }

    public long? LimitMemory { get; init; }

    public long? ReserveCpus { get; init; }

    public long? ReserveMemory { get; init; }

    /// <summary>none, on-failure or any.</summary>
    public string? RestartCondition { get; init; }

    public TimeSpan? RestartDelay { get; init; }

    public ulong? RestartMaxAttempts { get; init; }

    public TimeSpan? RestartWindow { get; init; }

    public RolloutPolicy Update { get; init; } = new();

    public RolloutPolicy Rollback { get; init; } = new();

    public HealthcheckSpec? Healthcheck { get; init; }

    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public string? Hostname { get; init; }

    public TimeSpan? StopGracePeriod { get; init; }

    public string? StopSignal { get; init; }

    /// <summary>vip or dnsrr.</summary>
    public string? EndpointMode { get; init; }

    /// <summary>Restarts every task even if nothing changed (<c>--force</c>).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The spec is made from these settings alone, as <c>docker stack deploy</c> writes a service's whole spec on each
    /// deploy: only the name and the force-update counter of the spec read are kept.
    /// </summary>
    public bool Replace { get; init; }

    /// <summary>
    /// The spec with these settings. Secrets, configs and networks are named; <paramref name="ids"/> gives their ids: the
    /// engine wants a secret's and a config's beside its name, and keeps a network by id.
    /// </summary>
    internal void ApplyTo(ServiceSpec spec, ServiceReferences ids)
    {
        if (Replace)
        {
            spec.Labels = new Dictionary<string, string>();
            spec.TaskTemplate = new TaskSpec { ForceUpdate = spec.TaskTemplate?.ForceUpdate ?? 0 };
            spec.Mode = null;
            spec.EndpointSpec = null;
            spec.UpdateConfig = null;
            spec.RollbackConfig = null;
        }
        var task = spec.TaskTemplate ??= new TaskSpec();
        var container = task.ContainerSpec ??= new ContainerSpec();
        container.Image = Image ?? container.Image;
        container.Args = Args is null ? container.Args : [.. Args];
        container.Command = Entrypoint is null ? container.Command : [.. Entrypoint];
        container.Env = Merge(container.Env, Environment, RemoveEnvironment, e => e.Split('=', 2)[0]);
        spec.Labels = Merge(spec.Labels, Labels, RemoveLabels);
        container.Labels = Merge(container.Labels, ContainerLabels, RemoveContainerLabels);
        container.Mounts = Merge(container.Mounts, Mounts.Select(m => m.Deserialize<Mount>()!), RemoveMounts, m => m.Target ?? string.Empty);
        container.Secrets = Merge(container.Secrets, Secrets.Select(s => new SecretReference
        {
            SecretName = s.Source,
            SecretID = ids.Secrets[s.Source],
            File = new SecretReferenceFileTarget { Name = s.Target, UID = s.Uid, GID = s.Gid, Mode = s.Mode },
        }), RemoveSecrets, s => s.SecretName ?? string.Empty);
        container.Configs = Merge(container.Configs, Configs.Select(c => new SwarmConfigReference
        {
            ConfigName = c.Source,
            ConfigID = ids.Configs[c.Source],
            File = new ConfigReferenceFileTarget { Name = c.Target, UID = c.Uid, GID = c.Gid, Mode = c.Mode },
        }), RemoveConfigs, c => c.ConfigName ?? string.Empty);
        container.User = User ?? container.User;
        container.Dir = WorkingDirectory ?? container.Dir;
        container.Hostname = Hostname ?? container.Hostname;
        container.StopGracePeriod = StopGracePeriod ?? container.StopGracePeriod;
        container.StopSignal = StopSignal ?? container.StopSignal;
        if (Healthcheck is { } check)
        {
            container.Healthcheck = new HealthcheckConfig
            {
                Test = check.Test is null ? null : [.. check.Test],
                Interval = Duration(check.Interval),
                Timeout = Duration(check.Timeout),
                StartPeriod = Duration(check.StartPeriod),
                Retries = check.Retries,
            };
        }

        if (Global)
        {
            spec.Mode = new ServiceMode { Global = new GlobalService() };
        }
        else if (Replicas is { } replicas)
        {
            spec.Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = replicas } };
        }
        spec.Mode ??= new ServiceMode { Replicated = new ReplicatedService { Replicas = 1 } };

        var endpoint = spec.EndpointSpec ??= new EndpointSpec();
        endpoint.Mode = EndpointMode ?? endpoint.Mode;
        endpoint.Ports = Merge(endpoint.Ports, Ports.Select(p => new PortConfig
        {
            TargetPort = (uint)p.TargetPort,
            PublishedPort = (uint?)p.PublishedPort,
            Protocol = p.Protocol,
            PublishMode = p.Mode,
        }), RemovePorts.Select(p => p.Contains('/') ? p : p + "/tcp"), p => $"{p.TargetPort}/{p.Protocol}");

        task.Networks = Merge(task.Networks, Networks.Select(n => new NetworkAttachmentConfig
        {
            Target = ids.Networks[n],
            Aliases = NetworkAliases.TryGetValue(n, out var aliases) ? [.. aliases] : null,
        }),
            RemoveNetworks.Select(n => ids.Networks[n]), n => n.Target ?? string.Empty);
        var placement = task.Placement ??= new Placement();
        placement.Constraints = Merge(placement.Constraints, Constraints, RemoveConstraints, c => c);
        placement.Preferences = Merge(placement.Preferences, PlacementPreferences.Select(p => new PlacementPreference { Spread = new SpreadOver { SpreadDescriptor = p } }),
            RemovePlacementPreferences, p => p.Spread?.SpreadDescriptor ?? string.Empty);
        placement.MaxReplicas = MaxReplicasPerNode ?? placement.MaxReplicas;

        var resources = task.Resources ??= new ResourceRequirements();
        var limits = resources.Limits ??= new SwarmLimit();
        limits.NanoCPUs = LimitCpus ?? limits.NanoCPUs;
        limits.MemoryBytes = LimitMemory ?? limits.MemoryBytes;
        var reservations = resources.Reservations ??= new SwarmResources();
        reservations.NanoCPUs = ReserveCpus ?? reservations.NanoCPUs;
        reservations.MemoryBytes = ReserveMemory ?? reservations.MemoryBytes;

        var restart = task.RestartPolicy ??= new SwarmRestartPolicy { Condition = "any" };
        restart.Condition = RestartCondition ?? restart.Condition;
        restart.Delay = RestartDelay ?? restart.Delay;
        restart.MaxAttempts = RestartMaxAttempts ?? restart.MaxAttempts;
        restart.Window = RestartWindow ?? restart.Window;

        spec.UpdateConfig = Apply(Update, spec.UpdateConfig);
        spec.RollbackConfig = Apply(Rollback, spec.RollbackConfig);
        if (Force)
        {
            task.ForceUpdate++;
        }
    }

    /// <summary>The names of the secrets and configs the settings add, which the engine must resolve to ids.</summary>
    internal IEnumerable<string> SecretNames => Secrets.Select(s => s.Source).Distinct();

    internal IEnumerable<string> ConfigNames => Configs.Select(c => c.Source).Distinct();

    /// <summary>The networks the settings attach or detach, by name or id.</summary>
    internal IEnumerable<string> NetworkNames => Networks.Concat(RemoveNetworks).Distinct();

    private static SwarmUpdateConfig? Apply(RolloutPolicy policy, SwarmUpdateConfig? current)
    {
        if (policy.IsEmpty)
        {
            return current;
        }
        // The engine's defaults (parallelism 1, pause on failure, stop first) for a new config.
        var config = current ?? new SwarmUpdateConfig { Parallelism = 1, FailureAction = "pause", Order = "stop-first" };
        config.Parallelism = policy.Parallelism ?? config.Parallelism;
        config.Delay = policy.Delay ?? config.Delay;
        config.FailureAction = policy.FailureAction ?? config.FailureAction;
        config.Monitor = policy.Monitor ?? config.Monitor;
        config.MaxFailureRatio = policy.MaxFailureRatio ?? config.MaxFailureRatio;
        config.Order = policy.Order ?? config.Order;
        return config;
    }

    private static TimeSpan? Duration(long? nanoseconds) => nanoseconds is { } n ? TimeSpan.FromTicks(n / 100) : null;

    /// <summary>The list without the items whose key is removed or given again, then the items given.</summary>
    private static IList<T> Merge<T>(IList<T>? current, IEnumerable<T> add, IEnumerable<string> remove, Func<T, string> key)
    {
        var added = add.ToArray();
        var gone = remove.Concat(added.Select(key)).ToHashSet(StringComparer.Ordinal);
        return [.. (current ?? []).Where(item => !gone.Contains(key(item))), .. added];
    }

    private static IDictionary<string, string> Merge(IDictionary<string, string>? current, IReadOnlyDictionary<string, string> add, IEnumerable<string> remove)
    {
        var merged = new Dictionary<string, string>(current ?? new Dictionary<string, string>());
        foreach (var name in remove)
        {
            merged.Remove(name);
        }
        foreach (var (name, value) in add)
        {
            merged[name] = value;
        }
        return merged;
    }
}
