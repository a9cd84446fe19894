using System.Collections;
using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// The service settings New-DockerService sets and Set-DockerService changes, in the docker CLI's syntax (the
/// <c>docker service create</c> and <c>docker service update</c> flags of the same names), with how the cmdlets wait for
/// the service to converge. Text that does not parse is an Invalid&lt;Parameter&gt; error before any engine call.
/// </summary>
[ParameterGroup]
public sealed class ServiceParameters
{
    /// <summary>Environment variables (<c>--env</c>): hashtables of names to values, or <c>NAME=value</c>.</summary>
    [Parameter]
    [Alias("Env")]
    [ValidateNotNullOrEmpty]
    public object[]? Environment { get; set; }

    /// <summary>The service's labels (<c>--label</c>).</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Labels of the tasks' containers (<c>--container-label</c>).</summary>
    [Parameter]
    public Hashtable? ContainerLabel { get; set; }

    /// <summary>Replaces the image's entrypoint (<c>--entrypoint</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Entrypoint { get; set; }

    /// <summary>Ports to publish (<c>--publish</c>): <c>[published:]target[/protocol]</c>, or <c>published=8080,target=80,mode=host</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Publish { get; set; }

    /// <summary>Mounts (<c>--mount</c>), e.g. <c>type=volume,source=data,target=/data</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Mount { get; set; }

    /// <summary>Networks to attach the tasks to (<c>--network</c>), by name or id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[]? Network { get; set; }

    /// <summary>Secrets the tasks get under /run/secrets (<c>--secret</c>): a name, or <c>source=,target=,uid=,gid=,mode=</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Secret { get; set; }

    /// <summary>Configs the tasks get as files (<c>--config</c>): a name, or <c>source=,target=,uid=,gid=,mode=</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Config { get; set; }

    /// <summary>Placement constraints (<c>--constraint</c>), <c>node.role==manager</c> or <c>node.labels.zone!=east</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Constraint { get; set; }

    /// <summary>Placement preferences (<c>--placement-pref</c>), <c>spread=node.labels.zone</c>.</summary>
    [Parameter]
    [Alias("PlacementPref")]
    [ValidateNotNullOrEmpty]
    public string[]? PlacementPreference { get; set; }

    /// <summary>Most tasks of the service on one node (<c>--replicas-max-per-node</c>); 0 for no limit.</summary>
    [Parameter]
    public ulong? MaxReplicasPerNode { get; set; }

    /// <summary>CPU limit of each task in CPUs, e.g. <c>0.5</c> (<c>--limit-cpu</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LimitCpu { get; set; }

    /// <summary>Memory limit of each task, e.g. <c>256m</c> (<c>--limit-memory</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LimitMemory { get; set; }

    /// <summary>CPUs a node must have free for each task (<c>--reserve-cpu</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReserveCpu { get; set; }

    /// <summary>Memory a node must have free for each task (<c>--reserve-memory</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ReserveMemory { get; set; }

    /// <summary>When a task's container is restarted (<c>--restart-condition</c>): none, on-failure or any.</summary>
    [Parameter]
    [ValidateSet("none", "on-failure", "any")]
    public string? RestartCondition { get; set; }

    /// <summary>Time between restarts, a Go duration such as 5s (<c>--restart-delay</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RestartDelay { get; set; }

    /// <summary>Most restarts before giving up (<c>--restart-max-attempts</c>).</summary>
    [Parameter]
    public ulong? RestartMaxAttempts { get; set; }

    /// <summary>The window restarts are counted in (<c>--restart-window</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RestartWindow { get; set; }

    /// <summary>Tasks updated at once (<c>--update-parallelism</c>); 0 for all at once.</summary>
    [Parameter]
    public ulong? UpdateParallelism { get; set; }

    /// <summary>Time between updating batches of tasks (<c>--update-delay</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UpdateDelay { get; set; }

    /// <summary>What a failed update does (<c>--update-failure-action</c>): pause, continue or rollback.</summary>
    [Parameter]
    [ValidateSet("pause", "continue", "rollback")]
    public string? UpdateFailureAction { get; set; }

    /// <summary>How long each updated task is watched for failure (<c>--update-monitor</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? UpdateMonitor { get; set; }

    /// <summary>The share of tasks that may fail during an update, 0 to 1 (<c>--update-max-failure-ratio</c>).</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public float? UpdateMaxFailureRatio { get; set; }

    /// <summary>Whether a new task starts before its old one stops (<c>--update-order</c>): start-first or stop-first.</summary>
    [Parameter]
    [ValidateSet("start-first", "stop-first")]
    public string? UpdateOrder { get; set; }

    /// <summary>Tasks rolled back at once (<c>--rollback-parallelism</c>); 0 for all at once.</summary>
    [Parameter]
    public ulong? RollbackParallelism { get; set; }

    /// <summary>Time between rolling back batches of tasks (<c>--rollback-delay</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RollbackDelay { get; set; }

    /// <summary>What a failed rollback does (<c>--rollback-failure-action</c>): pause or continue.</summary>
    [Parameter]
    [ValidateSet("pause", "continue")]
    public string? RollbackFailureAction { get; set; }

    /// <summary>How long each rolled-back task is watched for failure (<c>--rollback-monitor</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RollbackMonitor { get; set; }

    /// <summary>The share of tasks that may fail during a rollback, 0 to 1 (<c>--rollback-max-failure-ratio</c>).</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public float? RollbackMaxFailureRatio { get; set; }

    /// <summary>Whether a rolled-back task starts before its replacement stops (<c>--rollback-order</c>).</summary>
    [Parameter]
    [ValidateSet("start-first", "stop-first")]
    public string? RollbackOrder { get; set; }

    /// <summary>The health check command (<c>--health-cmd</c>): one text runs in the shell, several are a command and its arguments.</summary>
    [Parameter]
    [Alias("HealthCmd")]
    [ValidateNotNullOrEmpty]
    public string[]? HealthCommand { get; set; }

    /// <summary>Time between health checks (<c>--health-interval</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthInterval { get; set; }

    /// <summary>Longest time one health check may run (<c>--health-timeout</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthTimeout { get; set; }

    /// <summary>Time to start before failed checks count (<c>--health-start-period</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? HealthStartPeriod { get; set; }

    /// <summary>Failed checks in a row that make a task unhealthy (<c>--health-retries</c>).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? HealthRetries { get; set; }

    /// <summary>Disables the image's health check (<c>--no-healthcheck</c>).</summary>
    [Parameter]
    public SwitchParameter NoHealthcheck { get; set; }

    /// <summary>The user the command runs as (<c>--user</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>The working directory of the command (<c>--workdir</c>).</summary>
    [Parameter]
    [Alias("WorkDir")]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>The tasks' hostname (<c>--hostname</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    /// <summary>Time a stopping task gets before it is killed (<c>--stop-grace-period</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StopGracePeriod { get; set; }

    /// <summary>The signal that stops a task (<c>--stop-signal</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StopSignal { get; set; }

    /// <summary>How the service is reached (<c>--endpoint-mode</c>): vip (a virtual IP) or dnsrr (DNS round robin).</summary>
    [Parameter]
    [ValidateSet("vip", "dnsrr")]
    public string? EndpointMode { get; set; }

    /// <summary>Sends the stored registry credentials for the image (on update without -Image, the service's) to the nodes (<c>--with-registry-auth</c>).</summary>
    [Parameter]
    public SwitchParameter WithRegistryAuth { get; set; }

    /// <summary>Returns without waiting for the service to converge (<c>--detach</c>).</summary>
    [Parameter]
    public SwitchParameter Detach { get; set; }

    /// <summary>Seconds to wait for the service to converge; one that has not by then is a ServiceNotConverged error. Waits as long as it takes when not given.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Timeout { get; set; }

    /// <summary>
    /// The settings given, parsed, with <paramref name="extra"/>'s (the cmdlet's own) on top; text that does not parse
    /// throws its Invalid&lt;Parameter&gt; error.
    /// </summary>
    internal ServiceSettings Parse(ServiceSettings extra) => new()
    {
        Image = extra.Image,
        Replicas = extra.Replicas,
        Global = extra.Global,
        Args = extra.Args,
        Force = extra.Force,
        RemoveEnvironment = extra.RemoveEnvironment,
        RemoveLabels = extra.RemoveLabels,
        RemoveContainerLabels = extra.RemoveContainerLabels,
        RemovePorts = extra.RemovePorts,
        RemoveMounts = extra.RemoveMounts,
        RemoveNetworks = extra.RemoveNetworks,
        RemoveSecrets = extra.RemoveSecrets,
        RemoveConfigs = extra.RemoveConfigs,
        RemoveConstraints = extra.RemoveConstraints,
        RemovePlacementPreferences = extra.RemovePlacementPreferences,
        Entrypoint = Entrypoint,
        Environment = DockerCmdlet.EnvironmentEntries(Environment),
        Labels = DockerCmdlet.Strings(Label),
        ContainerLabels = DockerCmdlet.Strings(ContainerLabel),
        Ports = InvalidParameterSyntaxException.ParseEach(nameof(Publish), Publish, ServiceSyntax.ParsePublish).SelectMany(p => p).ToArray(),
        Mounts = InvalidParameterSyntaxException.ParseEach(nameof(Mount), Mount, MountSpec.ParseMount),
        Networks = Network ?? [],
        Secrets = InvalidParameterSyntaxException.ParseEach(nameof(Secret), Secret, ServiceSyntax.ParseFileReference),
        Configs = InvalidParameterSyntaxException.ParseEach(nameof(Config), Config, ServiceSyntax.ParseFileReference),
        Constraints = InvalidParameterSyntaxException.ParseEach(nameof(Constraint), Constraint, ServiceSyntax.ParseConstraint),
        PlacementPreferences = InvalidParameterSyntaxException.ParseEach(nameof(PlacementPreference), PlacementPreference, ServiceSyntax.ParsePlacementPreference),
        MaxReplicasPerNode = MaxReplicasPerNode,
        LimitCpus = InvalidParameterSyntaxException.ParseOptional<long?>(nameof(LimitCpu), LimitCpu, text => DockerUnits.ParseCpus(text)),
        LimitMemory = InvalidParameterSyntaxException.ParseOptional<long?>(nameof(LimitMemory), LimitMemory, text => DockerUnits.ParseBytes(text)),
        ReserveCpus = InvalidParameterSyntaxException.ParseOptional<long?>(nameof(ReserveCpu), ReserveCpu, text => DockerUnits.ParseCpus(text)),
        ReserveMemory = InvalidParameterSyntaxException.ParseOptional<long?>(nameof(ReserveMemory), ReserveMemory, text => DockerUnits.ParseBytes(text)),
        RestartCondition = RestartCondition,
        RestartDelay = Duration(nameof(RestartDelay), RestartDelay),
        RestartMaxAttempts = RestartMaxAttempts,
        RestartWindow = Duration(nameof(RestartWindow), RestartWindow),
        Update = new(UpdateParallelism, Duration(nameof(UpdateDelay), UpdateDelay), UpdateFailureAction, Duration(nameof(UpdateMonitor), UpdateMonitor),
            UpdateMaxFailureRatio, UpdateOrder),
        Rollback = new(RollbackParallelism, Duration(nameof(RollbackDelay), RollbackDelay), RollbackFailureAction, Duration(nameof(RollbackMonitor), RollbackMonitor),
            RollbackMaxFailureRatio, RollbackOrder),
        Healthcheck = DockerCmdlet.Healthcheck(HealthCommand, HealthInterval, HealthTimeout, HealthStartPeriod, HealthRetries, NoHealthcheck),
        User = User,
        WorkingDirectory = WorkingDirectory,
        Hostname = Hostname,
        StopGracePeriod = Duration(nameof(StopGracePeriod), StopGracePeriod),
        StopSignal = StopSignal,
        EndpointMode = EndpointMode,
    };

    private static TimeSpan? Duration(string parameter, string? value) =>
        InvalidParameterSyntaxException.ParseOptional<TimeSpan?>(parameter, value, text => DockerUnits.ParseDuration(text));
}
