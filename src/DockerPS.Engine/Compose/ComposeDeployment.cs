using DockerPS.Errors;
using DockerPS.Operations;
using DockerPS.Parsing;

namespace DockerPS.Compose;

/// <summary>
/// The engine side of deploying a compose project: what the engine has of it, and carrying out one planned change
/// (<see cref="ComposePlan"/>) at a time, so that the caller can ask before each and report progress.
/// </summary>
public static class ComposeDeployment
{
    private static FilterSet ProjectFilter(string project) => new FilterSet().Add("label", $"{ComposePlan.ProjectLabel}={project}");

    /// <summary>The project's containers (one-off ones left out, as compose does) and the networks and volumes the engine has.</summary>
    public static async Task<ComposeObserved> ObserveAsync(DockerEngine engine, string project, CancellationToken cancellationToken)
    {
        var containers = ListContainersAsync(engine, project, cancellationToken);
        var networks = NetworkOperations.ListAsync(engine, new FilterSet(), cancellationToken);
        var volumes = VolumeOperations.ListAsync(engine, new FilterSet(), cancellationToken);
        return new ComposeObserved(
            (await networks.ConfigureAwait(false)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal),
            (await volumes.ConfigureAwait(false)).Select(v => v.Name).ToHashSet(StringComparer.Ordinal),
            await containers.ConfigureAwait(false));
    }

    /// <summary>The filter for a project's service containers, one-off ones left out, as compose lists them.</summary>
    public static FilterSet ContainerFilter(string project) => ProjectFilter(project).Add("label", $"{ComposePlan.OneoffLabel}=False");

    /// <summary>The project's service containers (<c>docker compose ps -a</c>), as compose's labels describe them.</summary>
    public static async Task<IReadOnlyList<ComposeContainer>> ListContainersAsync(DockerEngine engine, string project, CancellationToken cancellationToken) =>
        (await ContainerOperations.ListAsync(engine, ContainerFilter(project), cancellationToken).ConfigureAwait(false))
            .Select(c => new ComposeContainer(c.Id, c.Name, c.Labels.GetValueOrDefault(ComposePlan.ServiceLabel) ?? "",
                int.TryParse(c.Labels.GetValueOrDefault(ComposePlan.NumberLabel), out var n) ? n : 0, c.Labels.GetValueOrDefault(ComposePlan.ConfigHashLabel), c.State))
            .ToList();

    /// <summary>Carries out one change of the plan; a container it creates or starts waits first for what its service depends on.</summary>
    public static async Task ApplyAsync(DockerEngine engine, ComposeProject project, ComposeChange change, CancellationToken cancellationToken)
    {
        switch (change.Kind, change.Action)
        {
            case ("Network", "Create"):
                var (key, network) = project.Networks!.First(n => n.Value.Name == change.Name);
                await NetworkOperations.CreateAsync(engine, new NetworkCreateSpec
                {
                    Name = change.Name,
                    Driver = network.Driver ?? "bridge",
                    Internal = network.Internal == true,
                    Attachable = network.Attachable == true,
                    IPv6 = network.EnableIpv6 == true,
                    Options = network.DriverOpts ?? [],
                    Pools = (network.Ipam?.Config ?? []).Where(p => p.Subnet is not null).Select(p => new IpamPool(p.Subnet!, p.Gateway, p.IpRange)).ToList(),
                    Labels = new Dictionary<string, string>(network.Labels ?? []) { [ComposePlan.NetworkLabel] = key, [ComposePlan.ProjectLabel] = project.Name },
                }, cancellationToken).ConfigureAwait(false);
                break;
            case ("Volume", "Create"):
                var (volumeKey, volume) = project.Volumes!.First(v => v.Value.Name == change.Name);
                await VolumeOperations.CreateAsync(engine, change.Name, volume.Driver, new Dictionary<string, string>(volume.DriverOpts ?? []),
                    new Dictionary<string, string>(volume.Labels ?? []) { [ComposePlan.VolumeLabel] = volumeKey, [ComposePlan.ProjectLabel] = project.Name },
                    cancellationToken).ConfigureAwait(false);
                break;
            case ("Container", "Remove"):
                await RemoveContainerAsync(engine, change.Name, project.Services.GetValueOrDefault(change.Service ?? ""), cancellationToken).ConfigureAwait(false);
                break;
            case ("Container", "Create" or "Recreate" or "Start"):
                var service = project.Services[change.Service!];
                await WaitForDependenciesAsync(engine, project, service, cancellationToken).ConfigureAwait(false);
                if (change.Action == "Recreate")
                {
                    await RemoveContainerAsync(engine, change.Name, service, cancellationToken).ConfigureAwait(false);
                }
                if (change.Action != "Start")
                {
                    await CreateContainerAsync(engine, project, service, change.Number, cancellationToken).ConfigureAwait(false);
                }
                await ContainerOperations.StartAsync(engine, change.Name, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private static async Task CreateContainerAsync(DockerEngine engine, ComposeProject project, ComposeService service, int number, CancellationToken cancellationToken)
    {
        var spec = ComposeContainers.Spec(project, service, number, ComposePlan.ContainerLabels(project, service, number));
        var (id, _) = await ContainerOperations.CreateAsync(engine, spec, cancellationToken).ConfigureAwait(false);
        // The engine takes one network at create; the others are joined before the container starts.
        foreach (var (network, aliases, ipv4, _) in ComposeContainers.Networks(project, service).Skip(1))
        {
            await NetworkOperations.ConnectAsync(engine, network, id, aliases, ipv4, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops (within the service's stop grace period) and removes a container, with its anonymous volumes.</summary>
    private static async Task RemoveContainerAsync(DockerEngine engine, string container, ComposeService? service, CancellationToken cancellationToken)
    {
        var grace = service?.StopGracePeriod is { } period ? (int)Math.Ceiling(period.TotalSeconds) : (int?)null;
        await ContainerOperations.StopAsync(engine, container, grace, cancellationToken).ConfigureAwait(false);
        await ContainerOperations.RemoveAsync(engine, container, force: true, volumes: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until each service this one depends on meets its condition: its containers started (service_started),
    /// healthy (service_healthy) or exited with 0 (service_completed_successfully). A dependency that fails its
    /// condition is ComposeDependencyFailed.
    /// </summary>
    private static async Task WaitForDependenciesAsync(DockerEngine engine, ComposeProject project, ComposeService service, CancellationToken cancellationToken)
    {
        foreach (var (name, dependency) in service.DependsOn ?? [])
        {
            if (dependency.Condition == "service_started" || !project.Services.TryGetValue(name, out var other))
            {
                continue;
            }
            for (var number = 1; number <= ComposePlan.Replicas(other); number++)
            {
                var container = ComposeContainers.Name(project, other, number);
                try
                {
                    if (dependency.Condition == "service_healthy")
                    {
                        await ContainerOperations.WaitHealthyAsync(engine, container, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                    }
                    else if ((await ContainerOperations.WaitAsync(engine, container, "not-running", cancellationToken).ConfigureAwait(false)).ExitCode is var code and not 0)
                    {
                        throw new ComposeException(ErrorCatalog.ComposeDependencyFailed,
                            $"Service {service.Name} depends on {name} completing successfully, but container {container} exited with {code}.");
                    }
                }
                catch (DockerEngineException e) when (e.Code == ErrorCatalog.ContainerUnhealthy || e.Code == ErrorCatalog.ContainerNotRunning || e.Code == ErrorCatalog.NoHealthCheck)
                {
                    throw new ComposeException(ErrorCatalog.ComposeDependencyFailed, $"Service {service.Name} depends on {name} being healthy: {e.Message}", e);
                }
            }
        }
    }

    /// <summary>
    /// What <c>docker compose down</c> removes, in order: the project's containers (services in reverse dependency order
    /// when the project is known, else by name), then its networks, and its volumes when <paramref name="volumes"/>.
    /// </summary>
    public static async Task<IReadOnlyList<ComposeChange>> PlanDownAsync(DockerEngine engine, string project, ComposeProject? model, bool volumes, CancellationToken cancellationToken)
    {
        var containers = await ListContainersAsync(engine, project, cancellationToken).ConfigureAwait(false);
        var order = model is null ? [] : ComposePlan.Order(model).Select(s => s.Name).Reverse().ToList();
        var changes = containers.OrderBy(c => order.IndexOf(c.Service)).ThenBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Number)
            .Select(c => new ComposeChange(project, "Container", c.Name, c.Service, "Remove", "the project goes down", engine) { Number = c.Number }).ToList();
        var networks = await NetworkOperations.ListAsync(engine, ProjectFilter(project), cancellationToken).ConfigureAwait(false);
        changes.AddRange(networks.Select(n => new ComposeChange(project, "Network", n.Name, null, "Remove", "the project goes down", engine)));
        if (volumes)
        {
            var projectVolumes = await VolumeOperations.ListAsync(engine, ProjectFilter(project), cancellationToken).ConfigureAwait(false);
            changes.AddRange(projectVolumes.Select(v => new ComposeChange(project, "Volume", v.Name, null, "Remove", "the project goes down with its volumes", engine)));
        }
        return changes;
    }

    /// <summary>Carries out one change of <see cref="PlanDownAsync"/>.</summary>
    public static Task ApplyDownAsync(DockerEngine engine, ComposeProject? model, ComposeChange change, CancellationToken cancellationToken) => change.Kind switch
    {
        "Container" => RemoveContainerAsync(engine, change.Name, model?.Services.GetValueOrDefault(change.Service ?? ""), cancellationToken),
        "Network" => NetworkOperations.RemoveAsync(engine, change.Name, cancellationToken),
        _ => VolumeOperations.RemoveAsync(engine, change.Name, force: false, cancellationToken),
    };
}
