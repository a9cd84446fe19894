using System.Text;
using System.Text.Json.Nodes;
using DockerPS.Errors;
using DockerPS.Operations;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Compose;

/// <summary>A secret or config a stack creates: its engine name, content and labels.</summary>
public sealed record StackFile(string Key, string Name, byte[] Data, IReadOnlyDictionary<string, string> Labels);

/// <summary>What a compose project is as a stack: the overlay networks, secrets, configs and services it creates.</summary>
public sealed record StackPlan(string Stack, IReadOnlyList<NetworkCreateSpec> Networks, IReadOnlyList<StackFile> Secrets, IReadOnlyList<StackFile> Configs,
    IReadOnlyList<(string Name, ServiceSettings Settings)> Services);

/// <summary>
/// A compose project deployed to a swarm as <c>docker stack deploy</c> does it (the docker CLI's cli/compose/convert): every
/// object is named STACK_KEY (unless the file names it) and labelled com.docker.stack.namespace=STACK, which is how
/// <c>docker stack ls/ps/services/rm</c> find it; services are created, or updated in place with their whole spec.
/// </summary>
public static class ComposeStack
{
    public const string NamespaceLabel = "com.docker.stack.namespace";
    public const string ImageLabel = "com.docker.stack.image";

    /// <summary>The stack's objects for <paramref name="project"/>; an invalid service is ComposeFileInvalid.</summary>
    public static StackPlan Plan(ComposeProject project, string stack)
    {
        var labels = new Dictionary<string, string> { [NamespaceLabel] = stack };
        var networks = (project.Networks ?? []).Where(n => n.Value.External != true).Select(n => new NetworkCreateSpec
        {
            Name = EngineName(project, stack, n.Key, n.Value.Name, n.Value.External),
            Driver = n.Value.Driver ?? "overlay",
            Pools = (n.Value.Ipam?.Config ?? []).Where(p => p.Subnet is not null).Select(p => new IpamPool(p.Subnet!, p.Gateway, p.IpRange)).ToArray(),
            Internal = n.Value.Internal == true,
            Attachable = n.Value.Attachable == true,
            Labels = With(n.Value.Labels, labels),
            Options = n.Value.DriverOpts ?? [],
        }).ToArray();
        return new StackPlan(stack, networks, Files(project, stack, project.Secrets, "secret"), Files(project, stack, project.Configs, "config"),
            project.Services.Values.Select(s => (Scope(stack, s.Name), Service(project, stack, s))).ToArray());
    }

    /// <summary>
    /// The changes that deploy <paramref name="plan"/>: networks, secrets and configs the stack does not have yet are
    /// created (those it has are kept: the engine cannot change their content), services created or updated; with
    /// <paramref name="prune"/> (<c>--prune</c>), the stack's services the plan no longer has removed.
    /// </summary>
    public static async Task<IReadOnlyList<ComposeChange>> PlanDeployAsync(DockerEngine engine, StackPlan plan, bool prune, CancellationToken cancellationToken)
    {
        var filter = Filter(plan.Stack);
        var networks = (await NetworkOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false)).Select(n => n.Name).ToHashSet();
        var secrets = (await SecretOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false)).Select(s => s.Name).ToHashSet();
        var configs = (await ConfigOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false)).Select(c => c.Name).ToHashSet();
        var services = (await ServiceOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false)).Select(s => s.Name).ToHashSet();
        ComposeChange Change(string kind, string name, ISet<string> existing, string present) => existing.Contains(name)
            ? new(plan.Stack, kind, name, null, present, "the stack has it", engine)
            : new(plan.Stack, kind, name, null, "Create", "the stack does not have it", engine);
        return
        [
            .. plan.Networks.Select(n => Change("Network", n.Name, networks, "UpToDate")),
            .. plan.Secrets.Select(s => Change("Secret", s.Name, secrets, "UpToDate")),
            .. plan.Configs.Select(c => Change("Config", c.Name, configs, "UpToDate")),
            .. plan.Services.Select(s => Change("Service", s.Name, services, "Update")),
            .. services.Where(s => prune && plan.Services.All(p => p.Name != s)).Order(StringComparer.Ordinal)
                .Select(s => new ComposeChange(plan.Stack, "Service", s, null, "Remove", "the project no longer has it", engine)),
        ];
    }

    /// <summary>Carries out one change of <see cref="PlanDeployAsync"/>; returns the engine's warnings.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DockerEngine engine, StackPlan plan, ComposeChange change, RegistryCredential? credential,
        CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case "Network":
                await NetworkOperations.CreateAsync(engine, plan.Networks.First(n => n.Name == change.Name), cancellationToken).ConfigureAwait(false);
                return [];
            case "Secret":
                var secret = plan.Secrets.First(s => s.Name == change.Name);
                await SecretOperations.CreateAsync(engine, secret.Name, secret.Data, new Dictionary<string, string>(secret.Labels), null, cancellationToken).ConfigureAwait(false);
                return [];
            case "Config":
                var config = plan.Configs.First(c => c.Name == change.Name);
                await ConfigOperations.CreateAsync(engine, config.Name, config.Data, new Dictionary<string, string>(config.Labels), null, cancellationToken).ConfigureAwait(false);
                return [];
            case "Service" when change.Action == "Remove":
                await ServiceOperations.RemoveAsync(engine, change.Name, cancellationToken).ConfigureAwait(false);
                return [];
            default:
                var settings = plan.Services.First(s => s.Name == change.Name).Settings;
                return change.Action == "Create"
                    ? (await ServiceOperations.CreateAsync(engine, change.Name, settings, credential, cancellationToken).ConfigureAwait(false)).Warnings
                    : (await ServiceOperations.UpdateAsync(engine, change.Name, settings, rollback: false, credential, cancellationToken).ConfigureAwait(false)).Warnings;
        }
    }

    /// <summary><c>docker stack ls</c>: the stacks whose services the swarm has, with their service counts, by name.</summary>
    public static async Task<IReadOnlyList<SwarmStack>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ServiceOperations.ListAsync(engine, new FilterSet().Add("label", NamespaceLabel), cancellationToken).ConfigureAwait(false))
            .GroupBy(s => s.Labels[NamespaceLabel]!, StringComparer.Ordinal)
            .Select(g => new SwarmStack(g.Key, g.Count(), engine)).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// <c>docker stack rm</c>: the removals of a stack's services, then its secrets, configs and networks, as the
    /// namespace label finds them; empty when the swarm has nothing of the stack.
    /// </summary>
    public static async Task<IReadOnlyList<ComposeChange>> PlanRemoveAsync(DockerEngine engine, string stack, CancellationToken cancellationToken)
    {
        var filter = Filter(stack);
        var services = await ServiceOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false);
        var secrets = await SecretOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false);
        var configs = await ConfigOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false);
        var networks = await NetworkOperations.ListAsync(engine, filter, cancellationToken).ConfigureAwait(false);
        ComposeChange Remove(string kind, string name) => new(stack, kind, name, null, "Remove", "the stack is removed", engine);
        return
        [
            .. services.Select(s => Remove("Service", s.Name)),
            .. secrets.Select(s => Remove("Secret", s.Name)),
            .. configs.Select(c => Remove("Config", c.Name)),
            .. networks.Select(n => Remove("Network", n.Name)),
        ];
    }

    /// <summary>
    /// Carries out one change of <see cref="PlanRemoveAsync"/>. The manager lists an overlay network the swarm has removed
    /// for a few seconds more, until its tasks are gone; removing it then finds nothing, which is no failure.
    /// </summary>
    public static async Task ApplyRemoveAsync(DockerEngine engine, ComposeChange change, CancellationToken cancellationToken)
    {
        try
        {
            await (change.Kind switch
            {
                "Service" => ServiceOperations.RemoveAsync(engine, change.Name, cancellationToken),
                "Secret" => SecretOperations.RemoveAsync(engine, change.Name, cancellationToken),
                "Config" => ConfigOperations.RemoveAsync(engine, change.Name, cancellationToken),
                _ => NetworkOperations.RemoveAsync(engine, change.Name, cancellationToken),
            }).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (change.Kind == "Network" && e.Code == ErrorCatalog.NotFound)
        {
        }
    }

    private static FilterSet Filter(string stack) => new FilterSet().Add("label", $"{NamespaceLabel}={stack}");

    private static string Scope(string stack, string key) => $"{stack}_{key}";

    /// <summary>
    /// A network's, volume's, secret's or config's engine name: the name the file gives, else STACK_KEY. The loader names
    /// what the file does not PROJECT_KEY, as compose does, so that name is scoped to the stack instead.
    /// </summary>
    private static string EngineName(ComposeProject project, string stack, string key, string? name, bool? external) =>
        name is not null && (external == true || name != Scope(project.Name, key)) ? name : Scope(stack, key);

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, string> add) =>
        new((labels ?? new Dictionary<string, string>()).Concat(add).GroupBy(l => l.Key).Select(g => g.Last()));

    /// <summary>The stack's secrets or configs that are not external, read from their file, environment variable or content.</summary>
    private static StackFile[] Files(ComposeProject project, string stack, IReadOnlyDictionary<string, ComposeFileObject>? objects, string kind) =>
        (objects ?? new SortedDictionary<string, ComposeFileObject>()).Where(o => o.Value.External != true).Select(o =>
        {
            var data = o.Value switch
            {
                { File: { } file } => Read(file, kind, o.Key),
                { Environment: { } variable } => Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable(variable)
                    ?? throw ComposeTree.Invalid($"{kind} \"{o.Key}\": the environment variable {variable} is not set.")),
                { Content: { } content } => Encoding.UTF8.GetBytes(content),
                _ => throw ComposeTree.Invalid($"{kind} \"{o.Key}\": a stack's {kind} needs a file, environment or content."),
            };
            return new StackFile(o.Key, EngineName(project, stack, o.Key, o.Value.Name, o.Value.External), data,
                With(o.Value.Labels, new Dictionary<string, string> { [NamespaceLabel] = stack }));
        }).ToArray();

    private static byte[] Read(string path, string kind, string key)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ComposeException(ErrorCatalog.ComposeFileNotFound, $"{kind} \"{key}\": {e.Message}", e);
        }
    }

    private static ServiceSettings Service(ComposeProject project, string stack, ComposeService service)
    {
        try
        {
            return Settings(project, stack, service);
        }
        catch (FormatException e)
        {
            throw ComposeTree.Invalid($"service \"{service.Name}\": {e.Message}");
        }
    }

    /// <summary>The service's whole spec as the docker CLI's convert.Service makes it; keys a swarm service has no field for are ignored, as the CLI does.</summary>
    private static ServiceSettings Settings(ComposeProject project, string stack, ComposeService service)
    {
        var image = service.Image ?? throw new FormatException("a stack's service needs an image: docker stack deploy does not build.");
        var stackLabel = new Dictionary<string, string> { [NamespaceLabel] = stack };
        var deploy = service.Deploy ?? new ComposeDeploy();
        var networks = (service.Networks ?? []).Select(n => (Name: NetworkName(project, stack, n.Key), Aliases: (IReadOnlyList<string>)[.. n.Value?.Aliases ?? [], service.Name]))
            .OrderBy(n => n.Name, StringComparer.Ordinal).ToArray();
        var check = service.Healthcheck;
        var restart = deploy.RestartPolicy;
        var fallback = restart is null && service.Restart is { } text ? RestartPolicySpec.Parse(text) : null;
        return new ServiceSettings
        {
            Replace = true,
            Image = image,
            Global = deploy.Mode == "global",
            Replicas = deploy.Mode == "global" ? null : (ulong)(deploy.Replicas ?? 1),
            Args = service.Command,
            Entrypoint = service.Entrypoint,
            Environment = (service.Environment ?? []).Select(e => e.Value is null ? e.Key : $"{e.Key}={e.Value}").ToArray(),
            Labels = With(deploy.Labels, new Dictionary<string, string>(stackLabel) { [ImageLabel] = image }),
            ContainerLabels = With(service.Labels, stackLabel),
            Ports = (service.Ports ?? []).Select(p => new ServicePort(p.Target, Published(p.Published), p.Protocol ?? "tcp", p.Mode ?? "ingress")).ToArray(),
            Mounts = (service.Volumes ?? []).Select(v => Mount(project, stack, v)).ToArray(),
            Networks = networks.Select(n => n.Name).ToArray(),
            NetworkAliases = networks.ToDictionary(n => n.Name, n => n.Aliases),
            Secrets = References(project, stack, service.Secrets, project.Secrets, "/run/secrets/"),
            Configs = References(project, stack, service.Configs, project.Configs, null),
            Constraints = deploy.Placement?.Constraints ?? [],
            PlacementPreferences = (deploy.Placement?.Preferences ?? []).Select(p => p.Spread).OfType<string>().ToArray(),
            MaxReplicasPerNode = (ulong?)deploy.Placement?.MaxReplicasPerNode,
            LimitCpus = Nano(deploy.Resources?.Limits?.Cpus),
            LimitMemory = deploy.Resources?.Limits?.Memory,
            ReserveCpus = Nano(deploy.Resources?.Reservations?.Cpus),
            ReserveMemory = deploy.Resources?.Reservations?.Memory,
            RestartCondition = restart?.Condition ?? fallback?.Name switch
            {
                null => null,
                "no" => "none",
                "on-failure" => "on-failure",
                _ => "any",
            },
            RestartDelay = restart?.Delay,
            RestartMaxAttempts = (ulong?)restart?.MaxAttempts ?? (fallback is { MaximumRetryCount: > 0 } ? (ulong)fallback.MaximumRetryCount : null),
            RestartWindow = restart?.Window,
            Update = Rollout(deploy.UpdateConfig),
            Rollback = Rollout(deploy.RollbackConfig),
            Healthcheck = check is null ? null : new HealthcheckSpec(check.Disable == true ? ["NONE"] : check.Test,
                Nanoseconds(check.Interval), Nanoseconds(check.Timeout), Nanoseconds(check.StartPeriod), check.Retries),
            User = service.User,
            WorkingDirectory = service.WorkingDir,
            Hostname = service.Hostname,
            StopGracePeriod = service.StopGracePeriod,
            StopSignal = service.StopSignal,
            EndpointMode = deploy.EndpointMode,
        };
    }

    private static string NetworkName(ComposeProject project, string stack, string key) =>
        project.Networks?.GetValueOrDefault(key) is { } network ? EngineName(project, stack, key, network.Name, network.External) : Scope(stack, key);

    private static int? Published(string? published) => string.IsNullOrEmpty(published) ? null
        : int.TryParse(published, out var port) ? port : throw new FormatException($"the published port '{published}' is not one port number.");

    /// <summary>A service volume as a swarm mount; a named volume is the stack's (STACK_KEY, labelled) unless external.</summary>
    private static JsonObject Mount(ComposeProject project, string stack, ComposeServiceVolume volume)
    {
        var top = volume.Type == "volume" && volume.Source is { } key ? project.Volumes?.GetValueOrDefault(key) : null;
        var source = top is not null ? EngineName(project, stack, volume.Source!, top.Name, top.External) : volume.Source;
        var mount = ComposeContainers.Mount(volume.Type, source, volume.Target, volume.ReadOnly == true);
        if (volume.Type == "bind" && volume.Bind?.Propagation is { } propagation)
        {
            mount["BindOptions"] = ComposeContainers.Options(("Propagation", propagation));
        }
        if (volume.Type == "volume")
        {
            var options = ComposeContainers.Options(("NoCopy", volume.Volume?.Nocopy == true ? true : null), ("Subpath", volume.Volume?.Subpath));
            if (top is not null && top.External != true)
            {
                options["Labels"] = new JsonObject(With(top.Labels, new Dictionary<string, string> { [NamespaceLabel] = stack })
                    .Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
                if (top.Driver is { } driver)
                {
                    options["DriverConfig"] = new JsonObject
                    {
                        ["Name"] = driver,
                        ["Options"] = new JsonObject((top.DriverOpts ?? []).Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))),
                    };
                }
            }
            mount["VolumeOptions"] = options;
        }
        if (volume.Type == "tmpfs" && volume.Tmpfs is { } tmpfs)
        {
            mount["TmpfsOptions"] = ComposeContainers.Options(("SizeBytes", tmpfs.Size), ("Mode", tmpfs.Mode));
        }
        return mount;
    }

    /// <summary>
    /// A service's secrets or configs, by engine name, sorted as the CLI sorts them (so a redeploy changes nothing). A
    /// target in the engine's own folder (<paramref name="folder"/>, where the loader puts secrets) is given relative to it,
    /// as the CLI gives it.
    /// </summary>
    private static ServiceFileReference[] References(ComposeProject project, string stack, IReadOnlyList<ComposeFileReference>? references,
        IReadOnlyDictionary<string, ComposeFileObject>? objects, string? folder) =>
        (references ?? []).Select(r =>
        {
            var top = objects?.GetValueOrDefault(r.Source);
            var target = r.Target ?? r.Source;
            return new ServiceFileReference(top is null ? Scope(stack, r.Source) : EngineName(project, stack, r.Source, top.Name, top.External),
                folder is not null && target.StartsWith(folder, StringComparison.Ordinal) ? target[folder.Length..] : target,
                r.Uid ?? "0", r.Gid ?? "0", (uint)(r.Mode ?? 0x124));
        }).OrderBy(r => r.Source, StringComparer.Ordinal).ToArray();

    private static RolloutPolicy Rollout(ComposeUpdateConfig? config) => config is null ? new() : new(
        (ulong?)config.Parallelism, config.Delay, config.FailureAction, config.Monitor, (float?)config.MaxFailureRatio, config.Order);

    private static long? Nano(double? cpus) => cpus is { } c ? (long)(c * 1e9) : null;

    private static long? Nanoseconds(TimeSpan? duration) => duration is { } d ? d.Ticks * 100 : null;
}
