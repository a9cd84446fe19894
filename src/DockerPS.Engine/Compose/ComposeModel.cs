using System.Text.Json.Serialization;

namespace DockerPS.Compose;

// The typed compose project: the Compose Specification's keys as `docker compose config` writes them once
// interpolated, merged, extended and normalized (short syntaxes in their long form, sizes in bytes, durations in Go's
// form, paths absolute). Property names map to the keys in snake case (ComposeJson), so that the model reads and
// writes the same JSON the compose CLI does. Keys outside this model are refused by name (ComposeFileInvalid).

/// <summary>A compose application: its services and the networks, volumes, secrets and configs they use.</summary>
public sealed class ComposeProject
{
    public string Name { get; set; } = "";
    [JsonIgnore] public string WorkingDirectory { get; set; } = "";
    [JsonIgnore] public IReadOnlyList<string> Files { get; set; } = [];
    /// <summary>The profiles this project was read with; services of other profiles are left out.</summary>
    [JsonIgnore] public IReadOnlyList<string> Profiles { get; set; } = [];
    public SortedDictionary<string, ComposeService> Services { get; set; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, ComposeNetwork>? Networks { get; set; }
    public SortedDictionary<string, ComposeVolume>? Volumes { get; set; }
    public SortedDictionary<string, ComposeFileObject>? Secrets { get; set; }
    public SortedDictionary<string, ComposeFileObject>? Configs { get; set; }

    /// <summary>The project as <c>docker compose config --format json</c> writes it.</summary>
    public string ToJson() => ComposeJson.Serialize(this);
}

/// <summary>One service of a compose project.</summary>
public sealed class ComposeService
{
    [JsonIgnore] public string Name { get; set; } = "";
    [JsonIgnore] public string Project { get; set; } = "";
    public List<string>? Profiles { get; set; }
    public string? Image { get; set; }
    public ComposeBuild? Build { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Entrypoint { get; set; }
    public SortedDictionary<string, string?>? Environment { get; set; }
    public List<ComposePort>? Ports { get; set; }
    public List<string>? Expose { get; set; }
    public List<ComposeServiceVolume>? Volumes { get; set; }
    public List<string>? VolumesFrom { get; set; }
    public SortedDictionary<string, ComposeServiceNetwork?>? Networks { get; set; }
    public string? NetworkMode { get; set; }
    public SortedDictionary<string, ComposeDependency>? DependsOn { get; set; }
    public ComposeHealthcheck? Healthcheck { get; set; }
    public string? Restart { get; set; }
    public ComposeDeploy? Deploy { get; set; }
    public SortedDictionary<string, string>? Labels { get; set; }
    public List<ComposeFileReference>? Secrets { get; set; }
    public List<ComposeFileReference>? Configs { get; set; }
    public string? ContainerName { get; set; }
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public string? User { get; set; }
    public string? WorkingDir { get; set; }
    public string? StopSignal { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? StopGracePeriod { get; set; }
    public bool? Privileged { get; set; }
    public bool? ReadOnly { get; set; }
    public bool? Init { get; set; }
    public bool? Tty { get; set; }
    public bool? StdinOpen { get; set; }
    public List<string>? CapAdd { get; set; }
    public List<string>? CapDrop { get; set; }
    public List<ComposeDevice>? Devices { get; set; }
    public List<string>? Dns { get; set; }
    public List<string>? DnsSearch { get; set; }
    public List<string>? DnsOpt { get; set; }
    public List<string>? ExtraHosts { get; set; }
    public List<string>? Tmpfs { get; set; }
    [JsonConverter(typeof(BytesConverter))] public long? ShmSize { get; set; }
    public SortedDictionary<string, ComposeUlimit>? Ulimits { get; set; }
    public SortedDictionary<string, string>? Sysctls { get; set; }
    public List<string>? SecurityOpt { get; set; }
    public ComposeLogging? Logging { get; set; }
    public string? Pid { get; set; }
    public string? Ipc { get; set; }
    public string? Uts { get; set; }
    public string? UsernsMode { get; set; }
    [JsonConverter(typeof(BytesConverter))] public long? MemLimit { get; set; }
    [JsonConverter(typeof(BytesConverter))] public long? MemReservation { get; set; }
    [JsonConverter(typeof(BytesConverter))] public long? MemswapLimit { get; set; }
    public long? PidsLimit { get; set; }
    public double? Cpus { get; set; }
    public string? Cpuset { get; set; }
    public long? CpuShares { get; set; }
    public long? CpuPeriod { get; set; }
    public long? CpuQuota { get; set; }
    public bool? OomKillDisable { get; set; }
    public List<string>? GroupAdd { get; set; }
    public string? Runtime { get; set; }
    public string? PullPolicy { get; set; }
    public string? Platform { get; set; }
    public int? Scale { get; set; }
    public List<string>? Links { get; set; }
}

/// <summary>How a service's image is built (<c>build:</c>).</summary>
public sealed class ComposeBuild
{
    public string? Context { get; set; }
    public string? Dockerfile { get; set; }
    public SortedDictionary<string, string?>? Args { get; set; }
    public string? Target { get; set; }
    public SortedDictionary<string, string>? Labels { get; set; }
    public List<string>? CacheFrom { get; set; }
    public string? Network { get; set; }
    public List<string>? Tags { get; set; }
    public bool? NoCache { get; set; }
    public bool? Pull { get; set; }
}

/// <summary>A published port (<c>ports:</c>, long syntax).</summary>
public sealed class ComposePort
{
    public string? Name { get; set; }
    public string? Mode { get; set; }
    public string? HostIp { get; set; }
    public int Target { get; set; }
    public string? Published { get; set; }
    public string? Protocol { get; set; }
    public string? AppProtocol { get; set; }
}

/// <summary>A volume, bind mount or tmpfs of a service (<c>volumes:</c>, long syntax).</summary>
public sealed class ComposeServiceVolume
{
    public string Type { get; set; } = "";
    public string? Source { get; set; }
    public string Target { get; set; } = "";
    public bool? ReadOnly { get; set; }
    public string? Consistency { get; set; }
    public ComposeBindOptions? Bind { get; set; }
    public ComposeVolumeOptions? Volume { get; set; }
    public ComposeTmpfsOptions? Tmpfs { get; set; }
}

public sealed class ComposeBindOptions
{
    public string? Propagation { get; set; }
    public bool? CreateHostPath { get; set; }
    public string? Selinux { get; set; }
}

public sealed class ComposeVolumeOptions
{
    public bool? Nocopy { get; set; }
    public string? Subpath { get; set; }
}

public sealed class ComposeTmpfsOptions
{
    [JsonConverter(typeof(BytesConverter))] public long? Size { get; set; }
    public int? Mode { get; set; }
}

/// <summary>A service's attachment to a network (<c>networks:</c>).</summary>
public sealed class ComposeServiceNetwork
{
    public List<string>? Aliases { get; set; }
    public string? Ipv4Address { get; set; }
    public string? Ipv6Address { get; set; }
    public int? Priority { get; set; }
}

/// <summary>A dependency on another service (<c>depends_on:</c>).</summary>
public sealed class ComposeDependency
{
    public string Condition { get; set; } = "service_started";
    public bool? Restart { get; set; }
    public bool Required { get; set; } = true;
}

/// <summary>A service's health check (<c>healthcheck:</c>).</summary>
public sealed class ComposeHealthcheck
{
    public List<string>? Test { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? Timeout { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? Interval { get; set; }
    public int? Retries { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? StartPeriod { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? StartInterval { get; set; }
    public bool? Disable { get; set; }
}

/// <summary>Swarm and replica settings (<c>deploy:</c>).</summary>
public sealed class ComposeDeploy
{
    public string? Mode { get; set; }
    public int? Replicas { get; set; }
    public SortedDictionary<string, string>? Labels { get; set; }
    public ComposeUpdateConfig? UpdateConfig { get; set; }
    public ComposeUpdateConfig? RollbackConfig { get; set; }
    public ComposeResources? Resources { get; set; }
    public ComposeRestartPolicy? RestartPolicy { get; set; }
    public ComposePlacement? Placement { get; set; }
    public string? EndpointMode { get; set; }
}

public sealed class ComposeUpdateConfig
{
    public int? Parallelism { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? Delay { get; set; }
    public string? FailureAction { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? Monitor { get; set; }
    public double? MaxFailureRatio { get; set; }
    public string? Order { get; set; }
}

public sealed class ComposeResources
{
    public ComposeResource? Limits { get; set; }
    public ComposeResource? Reservations { get; set; }
}

public sealed class ComposeResource
{
    public double? Cpus { get; set; }
    [JsonConverter(typeof(BytesConverter))] public long? Memory { get; set; }
    public long? Pids { get; set; }
}

public sealed class ComposeRestartPolicy
{
    public string? Condition { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? Delay { get; set; }
    public int? MaxAttempts { get; set; }
    [JsonConverter(typeof(GoDurationConverter))] public TimeSpan? Window { get; set; }
}

public sealed class ComposePlacement
{
    public List<string>? Constraints { get; set; }
    public List<ComposePlacementPreference>? Preferences { get; set; }
    public int? MaxReplicasPerNode { get; set; }
}

public sealed class ComposePlacementPreference
{
    public string? Spread { get; set; }
}

/// <summary>A secret or config given to a service (<c>secrets:</c>/<c>configs:</c>, long syntax).</summary>
public sealed class ComposeFileReference
{
    public string Source { get; set; } = "";
    public string? Target { get; set; }
    public string? Uid { get; set; }
    public string? Gid { get; set; }
    [JsonConverter(typeof(FileModeConverter))] public int? Mode { get; set; }
}

/// <summary>A device of a service (<c>devices:</c>).</summary>
public sealed class ComposeDevice
{
    public string Source { get; set; } = "";
    public string? Target { get; set; }
    public string? Permissions { get; set; }
}

/// <summary>A resource limit (<c>ulimits:</c>): one value for both, or soft and hard.</summary>
[JsonConverter(typeof(UlimitConverter))]
public sealed class ComposeUlimit
{
    public long? Single { get; set; }
    public long? Soft { get; set; }
    public long? Hard { get; set; }
}

public sealed class ComposeLogging
{
    public string? Driver { get; set; }
    public SortedDictionary<string, string?>? Options { get; set; }
}

/// <summary>A top-level network.</summary>
public sealed class ComposeNetwork
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public SortedDictionary<string, string>? DriverOpts { get; set; }
    public ComposeIpam? Ipam { get; set; }
    public bool? External { get; set; }
    public bool? Internal { get; set; }
    public bool? Attachable { get; set; }
    public bool? EnableIpv6 { get; set; }
    public SortedDictionary<string, string>? Labels { get; set; }
}

public sealed class ComposeIpam
{
    public string? Driver { get; set; }
    public List<ComposeIpamPool>? Config { get; set; }
}

public sealed class ComposeIpamPool
{
    public string? Subnet { get; set; }
    public string? Gateway { get; set; }
    public string? IpRange { get; set; }
}

/// <summary>A top-level volume.</summary>
public sealed class ComposeVolume
{
    public string? Name { get; set; }
    public string? Driver { get; set; }
    public SortedDictionary<string, string>? DriverOpts { get; set; }
    public bool? External { get; set; }
    public SortedDictionary<string, string>? Labels { get; set; }
}

/// <summary>A top-level secret or config: from a file, an environment variable or (configs) inline content.</summary>
public sealed class ComposeFileObject
{
    public string? Name { get; set; }
    public string? File { get; set; }
    public string? Environment { get; set; }
    public string? Content { get; set; }
    public bool? External { get; set; }
    public SortedDictionary<string, string>? Labels { get; set; }
}
