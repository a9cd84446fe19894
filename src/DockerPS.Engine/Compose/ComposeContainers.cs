using System.Text.Json.Nodes;
using DockerPS.Operations;
using DockerPS.Parsing;

namespace DockerPS.Compose;

/// <summary>
/// A compose service's containers as <c>docker compose up</c> creates them (compose's pkg/compose/create.go): the
/// service's settings mapped onto the engine's create request.
/// </summary>
public static class ComposeContainers
{
    /// <summary>
    /// The create request for container <paramref name="number"/> (1-based) of <paramref name="service"/>, as docker compose
    /// up makes it: its name, labels (the service's own plus <paramref name="labels"/>, which the caller fills with compose's
    /// com.docker.compose.* labels), and every setting of the service that ContainerCreateSpec carries.
    /// </summary>
    public static ContainerCreateSpec Spec(ComposeProject project, ComposeService service, int number, IReadOnlyDictionary<string, string> labels)
    {
        try
        {
            return Create(project, service, number, labels);
        }
        catch (FormatException e)
        {
            throw ComposeTree.Invalid($"service \"{service.Name}\": {e.Message}");
        }
    }

    /// <summary>The image a service runs: its image, else the one compose names a built service's image, PROJECT-SERVICE.</summary>
    public static string Image(ComposeProject project, ComposeService service) => service.Image ?? $"{project.Name}-{service.Name}";

    /// <summary>The container's name as compose names it: container_name, else PROJECT-SERVICE-NUMBER.</summary>
    public static string Name(ComposeProject project, ComposeService service, int number) =>
        service.ContainerName ?? $"{project.Name}-{service.Name}-{number}";

    /// <summary>
    /// The networks the container joins, first the one it is created on, each with its endpoint settings
    /// (aliases: the service name plus the service's aliases for that network; ipv4/ipv6 addresses), by the network's
    /// engine name (project.Networks[key].Name). Empty when network_mode is set.
    /// </summary>
    public static IReadOnlyList<(string Network, IReadOnlyList<string> Aliases, string? IPv4Address, string? IPv6Address)> Networks(ComposeProject project, ComposeService service) =>
        service.NetworkMode is not null || service.Networks is null ? []
            : service.Networks.OrderByDescending(n => n.Value?.Priority ?? 0).ThenBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => (project.Networks?[n.Key].Name ?? n.Key, (IReadOnlyList<string>)[service.Name, .. n.Value?.Aliases ?? []],
                    n.Value?.Ipv4Address, n.Value?.Ipv6Address))
                .ToArray();

    private static ContainerCreateSpec Create(ComposeProject project, ComposeService service, int number, IReadOnlyDictionary<string, string> labels)
    {
        var limits = service.Deploy?.Resources?.Limits;
        var network = Networks(project, service).FirstOrDefault();
        var mounts = Mounts(project, service);
        var securityOptions = (service.SecurityOpt ?? []).Select(o => RunSyntax.ParseSecurityOption(o, path => File.ReadAllText(Path.GetFullPath(path, project.WorkingDirectory)))).ToList();
        var check = service.Healthcheck;
        var rawConfig = new Dictionary<string, object?>();
        if (service.Domainname is not null)
        {
            rawConfig["Domainname"] = service.Domainname;
        }
        if (service.StdinOpen == true)
        {
            // Compose keeps stdin open without attaching to it (so it is not closed when a client detaches).
            rawConfig["StdinOnce"] = false;
            rawConfig["AttachStdin"] = false;
        }
        if (check?.StartInterval is { } startInterval && check.Disable != true)
        {
            rawConfig["Healthcheck"] = new Dictionary<string, object?> { ["StartInterval"] = Nanoseconds(startInterval) };
        }
        return new ContainerCreateSpec
        {
            Image = Image(project, service),
            Name = Name(project, service, number),
            Platform = service.Platform,
            Command = service.Command,
            Entrypoint = service.Entrypoint,
            Environment = (service.Environment ?? []).Select(e => e.Value is null ? e.Key : $"{e.Key}={e.Value}").ToArray(),
            Labels = new Dictionary<string, string>((service.Labels ?? []).Concat(labels).GroupBy(l => l.Key).Select(g => g.Last())),
            Publish = (service.Ports ?? []).Select(p => new PortSpec(p.HostIp ?? "", p.Published ?? "", p.Target, p.Protocol ?? "tcp")).ToArray(),
            Binds = mounts.OfType<string>().ToArray(),
            Mounts = mounts.OfType<JsonObject>().ToArray(),
            Network = service.NetworkMode is { } mode ? Shared(project, mode) : network.Network,
            WorkingDirectory = service.WorkingDir,
            User = service.User,
            Hostname = service.Hostname,
            Tty = service.Tty == true,
            Interactive = service.StdinOpen == true,
            Resources = new ContainerResources(
                Memory: limits?.Memory ?? service.MemLimit,
                MemorySwap: service.MemswapLimit,
                MemoryReservation: service.Deploy?.Resources?.Reservations?.Memory ?? service.MemReservation,
                NanoCpus: (limits?.Cpus ?? service.Cpus) is { } cpus ? (long)(cpus * 1e9) : null,
                CpuShares: service.CpuShares,
                CpuPeriod: service.CpuPeriod,
                CpuQuota: service.CpuQuota,
                CpusetCpus: service.Cpuset,
                PidsLimit: limits?.Pids is > 0 ? limits.Pids : service.PidsLimit,
                RestartPolicy: Restart(service)),
            Options = new ContainerRunOptions
            {
                Expose = (service.Expose ?? []).SelectMany(RunSyntax.ParseExpose).ToArray(),
                Healthcheck = check is null ? null : new HealthcheckSpec(check.Disable == true ? ["NONE"] : check.Test,
                    Nanoseconds(check.Interval), Nanoseconds(check.Timeout), Nanoseconds(check.StartPeriod), check.Retries),
                StopTimeout = service.StopGracePeriod is { } grace ? (int)grace.TotalSeconds : null,
                StopSignal = service.StopSignal,
                Privileged = service.Privileged == true,
                ReadOnly = service.ReadOnly == true,
                Init = service.Init == true,
                OomKillDisable = service.OomKillDisable == true,
                ExtraHosts = (service.ExtraHosts ?? []).Select(RunSyntax.ParseExtraHost).ToArray(),
                CapAdd = service.CapAdd ?? [],
                CapDrop = service.CapDrop ?? [],
                Devices = (service.Devices ?? []).Select(d => new DeviceSpec(d.Source, d.Target ?? d.Source, d.Permissions ?? "rwm")).ToArray(),
                LogDriver = service.Logging?.Driver,
                LogOptions = (service.Logging?.Options ?? []).ToDictionary(o => o.Key, o => o.Value ?? ""),
                ShmSize = service.ShmSize,
                Ulimits = (service.Ulimits ?? []).Select(u => new UlimitSpec(u.Key, u.Value.Soft ?? u.Value.Single ?? 0, u.Value.Hard ?? u.Value.Single ?? 0)).ToArray(),
                Tmpfs = new Dictionary<string, string>((service.Tmpfs ?? []).Select(RunSyntax.ParseTmpfs)),
                SecurityOptions = securityOptions.OfType<string>().ToArray(),
                UnconfinedSystemPaths = securityOptions.Contains(null),
                Sysctls = service.Sysctls ?? [],
                Dns = service.Dns ?? [],
                DnsSearch = service.DnsSearch ?? [],
                DnsOptions = service.DnsOpt ?? [],
                IpcMode = service.Ipc is { } ipc ? Shared(project, ipc) : null,
                PidMode = service.Pid is { } pid ? Shared(project, pid) : null,
                UtsMode = service.Uts,
                UsernsMode = service.UsernsMode,
                VolumesFrom = (service.VolumesFrom ?? []).Select(v => VolumesFrom(project, v)).ToArray(),
                GroupAdd = service.GroupAdd ?? [],
                Runtime = service.Runtime,
                NetworkAliases = network.Aliases ?? [],
                IPv4Address = network.IPv4Address,
                IPv6Address = network.IPv6Address,
            },
            RawConfig = rawConfig.Count == 0 ? null : rawConfig,
        };
    }

    /// <summary>restart, overridden by deploy.restart_policy (whose none and any are no and always).</summary>
    private static RestartPolicySpec? Restart(ComposeService service) => service.Deploy?.RestartPolicy is { } policy
        ? new RestartPolicySpec(policy.Condition switch { "none" => "no", "any" => "always", var condition => condition ?? "" }, policy.MaxAttempts ?? 0)
        : service.Restart is { } restart ? RestartPolicySpec.Parse(restart) : null;

    /// <summary>A namespace mode: <c>service:NAME</c> is that service's first container.</summary>
    private static string Shared(ComposeProject project, string mode) =>
        mode.StartsWith("service:", StringComparison.Ordinal) ? "container:" + FirstContainer(project, mode["service:".Length..]) : mode;

    /// <summary>A volumes_from entry, <c>SERVICE[:mode]</c> or <c>container:NAME[:mode]</c>, as the engine's <c>NAME[:mode]</c>.</summary>
    private static string VolumesFrom(ComposeProject project, string entry) =>
        entry.StartsWith("container:", StringComparison.Ordinal) ? entry["container:".Length..]
            : entry.Split(':', 2) is [var service, .. var mode] ? string.Join(':', [FirstContainer(project, service), .. mode]) : entry;

    private static string FirstContainer(ComposeProject project, string serviceName) =>
        project.Services.TryGetValue(serviceName, out var other) ? Name(project, other, 1)
            : throw new FormatException($"'{serviceName}' is not a service of project {project.Name}.");

    /// <summary>
    /// The service's volumes, secrets and configs: as bind text (string) where the legacy Binds take them, as they
    /// do for compose, else as Mount objects (anonymous volumes, tmpfs, and the options only mounts have).
    /// </summary>
    private static List<object> Mounts(ComposeProject project, ComposeService service)
    {
        var result = new List<object>();
        foreach (var volume in service.Volumes ?? [])
        {
            var source = volume.Type == "volume" && volume.Source is { } key ? project.Volumes?[key].Name ?? key : volume.Source;
            var bindText = volume.Type switch
            {
                "bind" when volume.Bind is null || (volume.Bind.CreateHostPath == true && volume.Bind.Propagation is null) => true,
                "volume" when source is not null && volume.Volume?.Nocopy != true && volume.Volume?.Subpath is null => true,
                _ => false,
            };
            if (bindText)
            {
                string?[] access = [volume.ReadOnly == true ? "ro" : "rw", volume.Bind?.Selinux];
                result.Add($"{source}:{volume.Target}:{string.Join(',', access.OfType<string>())}");
                continue;
            }
            var mount = Mount(volume.Type, source, volume.Target, volume.ReadOnly == true);
            Set(mount, "Consistency", volume.Consistency);
            if (volume.Type == "bind" && volume.Bind is { } bind)
            {
                mount["BindOptions"] = Options(("Propagation", bind.Propagation), ("CreateMountpoint", bind.CreateHostPath == true ? true : null));
            }
            if (volume.Type == "volume" && volume.Volume is { } options)
            {
                mount["VolumeOptions"] = Options(("NoCopy", options.Nocopy == true ? true : null), ("Subpath", options.Subpath));
            }
            if (volume.Type == "tmpfs" && volume.Tmpfs is { } tmpfs)
            {
                mount["TmpfsOptions"] = Options(("SizeBytes", tmpfs.Size), ("Mode", tmpfs.Mode));
            }
            result.Add(mount);
        }
        var targets = (service.Volumes ?? []).Select(v => v.Target).ToHashSet();
        // Secrets and configs from files are read-only binds (those from the environment or inline are copied in after create).
        foreach (var (references, objects, directory) in new[] { (service.Secrets, project.Secrets, "/run/secrets/"), (service.Configs, project.Configs, "/") })
        {
            foreach (var reference in references ?? [])
            {
                var file = objects?[reference.Source];
                if (file?.External == true)
                {
                    throw new FormatException($"the external {(directory == "/" ? "config" : "secret")} '{reference.Source}' cannot be given to a container, only to a swarm service.");
                }
                var target = reference.Target is { } given ? given.StartsWith('/') ? given : directory + given : directory + reference.Source;
                if (file?.File is { } path && targets.Add(target))
                {
                    result.Add(Mount("bind", path, target, true));
                }
            }
        }
        return result;
    }

    internal static JsonObject Mount(string type, string? source, string target, bool readOnly)
    {
        var mount = new JsonObject { ["Type"] = type };
        Set(mount, "Source", source);
        mount["Target"] = target;
        Set(mount, "ReadOnly", readOnly ? true : null);
        return mount;
    }

    internal static JsonObject Options(params (string Name, JsonNode? Value)[] fields)
    {
        var options = new JsonObject();
        foreach (var (name, value) in fields)
        {
            Set(options, name, value);
        }
        return options;
    }

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }

    private static long? Nanoseconds(TimeSpan? duration) => duration is { } d ? d.Ticks * 100 : null;
}
