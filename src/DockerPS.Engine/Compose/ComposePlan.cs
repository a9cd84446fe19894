using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Errors;

namespace DockerPS.Compose;

/// <summary>What deploying a project does to one network, volume or container, and why.</summary>
public sealed class ComposeChange(string project, string kind, string name, string? service, string action, string reason, DockerEngine engine)
{
    public string Project { get; } = project;
    /// <summary>Network, Volume or Container; for a stack, Network, Secret, Config or Service.</summary>
    public string Kind { get; } = kind;
    public string Name { get; } = name;
    public string? Service { get; } = service;
    /// <summary>Create, Recreate, Start, Update, Remove, or UpToDate (nothing to do).</summary>
    public string Action { get; } = action;
    public string Reason { get; } = reason;
    public DockerEngine Engine { get; } = engine;
    /// <summary>The container's number within its service (1, 2, …); 0 for networks and volumes.</summary>
    public int Number { get; init; }

    public override string ToString() => $"{Action} {Kind.ToLowerInvariant()} {Name}";
}

/// <summary>A container of a project as the engine has it, read from compose's labels.</summary>
public sealed record ComposeContainer(string Id, string Name, string Service, int Number, string? ConfigHash, string State);

/// <summary>What an engine has of a project: its networks and volumes (by engine name) and its containers.</summary>
public sealed record ComposeObserved(IReadOnlySet<string> Networks, IReadOnlySet<string> Volumes, IReadOnlyList<ComposeContainer> Containers);

/// <summary>
/// Turns a project and what an engine has of it into the ordered changes that converge the engine to it, as
/// <c>docker compose up</c> does: missing networks and volumes first, then each service in dependency order: a
/// container per replica, created when missing, recreated when its configuration hash differs, started when stopped;
/// replicas above the count and (when asked) containers of services the project no longer has removed.
/// </summary>
public static class ComposePlan
{
    public const string ProjectLabel = "com.docker.compose.project";
    public const string ServiceLabel = "com.docker.compose.service";
    public const string NumberLabel = "com.docker.compose.container-number";
    public const string ConfigHashLabel = "com.docker.compose.config-hash";
    public const string OneoffLabel = "com.docker.compose.oneoff";
    public const string NetworkLabel = "com.docker.compose.network";
    public const string VolumeLabel = "com.docker.compose.volume";
    public const string WorkingDirLabel = "com.docker.compose.project.working_dir";
    public const string ConfigFilesLabel = "com.docker.compose.project.config_files";
    public const string DependenciesLabel = "com.docker.compose.depends_on";

    public static IReadOnlyList<ComposeChange> Create(ComposeProject project, ComposeObserved observed, bool removeOrphans, DockerEngine engine)
    {
        var changes = new List<ComposeChange>();
        foreach (var (key, network) in project.Networks ?? [])
        {
            if (network.External != true && !observed.Networks.Contains(network.Name!))
            {
                changes.Add(new(project.Name, "Network", network.Name!, null, "Create", $"network {key} does not exist", engine));
            }
        }
        foreach (var (key, volume) in project.Volumes ?? [])
        {
            if (volume.External != true && !observed.Volumes.Contains(volume.Name!))
            {
                changes.Add(new(project.Name, "Volume", volume.Name!, null, "Create", $"volume {key} does not exist", engine));
            }
        }
        var orphans = observed.Containers.Where(c => !project.Services.ContainsKey(c.Service)).ToList();
        if (removeOrphans)
        {
            changes.AddRange(orphans.Select(c => new ComposeChange(project.Name, "Container", c.Name, c.Service, "Remove", $"service {c.Service} is not in the project", engine) { Number = c.Number }));
        }
        foreach (var service in Order(project))
        {
            var hash = ConfigHash(service);
            var replicas = Replicas(service);
            var existing = observed.Containers.Where(c => c.Service == service.Name).OrderBy(c => c.Number).ToList();
            foreach (var extra in existing.Where(c => c.Number > replicas || c.Number < 1))
            {
                changes.Add(new(project.Name, "Container", extra.Name, service.Name, "Remove", $"the service has {replicas} replicas", engine) { Number = extra.Number });
            }
            for (var number = 1; number <= replicas; number++)
            {
                var name = ComposeContainers.Name(project, service, number);
                var (action, reason) = existing.FirstOrDefault(c => c.Number == number) switch
                {
                    null => ("Create", "the container does not exist"),
                    { ConfigHash: var h } when h != hash => ("Recreate", "its configuration changed"),
                    { State: "running" } => ("UpToDate", "it runs the current configuration"),
                    _ => ("Start", "it is not running"),
                };
                changes.Add(new(project.Name, "Container", name, service.Name, action, reason, engine) { Number = number });
            }
        }
        return changes;
    }

    /// <summary>
    /// The changes in waves whose changes do not depend on each other, to run at once as compose does: networks,
    /// volumes and orphans first, then the services level by level (a service's level is one more than its deepest
    /// dependency's), each level's containers together. <paramref name="down"/> reverses the levels and puts the
    /// networks and volumes last, for taking a project down.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ComposeChange>> Waves(ComposeProject? project, IReadOnlyList<ComposeChange> changes, bool down = false)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        int Level(ComposeService service) => levels.TryGetValue(service.Name, out var known) ? known
            : levels[service.Name] = (service.DependsOn ?? []).Keys.Where(project!.Services.ContainsKey).Select(d => Level(project.Services[d]) + 1).DefaultIfEmpty(0).Max();
        foreach (var service in project is null ? [] : Order(project))
        {
            Level(service);
        }
        // Containers of services the project does not have (orphans, or all of them when no project is known) go with level -1.
        int Rank(ComposeChange change) => change.Kind != "Container" ? int.MinValue : levels.GetValueOrDefault(change.Service ?? "", -1);
        var waves = changes.GroupBy(Rank).OrderBy(g => down ? (g.Key == int.MinValue ? int.MaxValue : -g.Key) : g.Key);
        return [.. waves.Select(g => (IReadOnlyList<ComposeChange>)[.. g])];
    }

    /// <summary>How many containers a service runs: deploy.replicas, else scale, else one.</summary>
    public static int Replicas(ComposeService service) => service.Deploy?.Replicas ?? service.Scale ?? 1;

    /// <summary>
    /// The services in an order that puts each after the services it depends on (by name among equals); a cycle is
    /// ComposeFileInvalid.
    /// </summary>
    public static IReadOnlyList<ComposeService> Order(ComposeProject project)
    {
        var ordered = new List<ComposeService>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: being visited, true: done
        void Visit(ComposeService service, List<string> path)
        {
            if (state.TryGetValue(service.Name, out var done))
            {
                if (!done)
                {
                    throw new ComposeException(ErrorCatalog.ComposeFileInvalid, $"The services depend on each other in a cycle: {string.Join(" → ", path.Append(service.Name))}.");
                }
                return;
            }
            state[service.Name] = false;
            foreach (var dependency in (service.DependsOn ?? []).Keys.Where(project.Services.ContainsKey))
            {
                Visit(project.Services[dependency], [.. path, service.Name]);
            }
            state[service.Name] = true;
            ordered.Add(service);
        }
        foreach (var service in project.Services.Values)
        {
            Visit(service, []);
        }
        return ordered;
    }

    /// <summary>
    /// The service's configuration hash: SHA-256 of its compose JSON without what does not shape a container (build,
    /// pull policy, scale, replicas, dependencies, profiles), as compose leaves those out of its own.
    /// </summary>
    public static string ConfigHash(ComposeService service)
    {
        var node = JsonSerializer.SerializeToNode(service, ComposeJson.Options)!.AsObject();
        foreach (var key in new[] { "build", "pull_policy", "scale", "depends_on", "profiles" })
        {
            node.Remove(key);
        }
        (node["deploy"] as JsonObject)?.Remove("replicas");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(node.ToJsonString()))).ToLowerInvariant();
    }

    /// <summary>The labels compose puts on a service's container.</summary>
    public static Dictionary<string, string> ContainerLabels(ComposeProject project, ComposeService service, int number) => new()
    {
        [ProjectLabel] = project.Name,
        [ServiceLabel] = service.Name,
        [NumberLabel] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ConfigHashLabel] = ConfigHash(service),
        [OneoffLabel] = "False",
        [WorkingDirLabel] = project.WorkingDirectory,
        [ConfigFilesLabel] = string.Join(',', project.Files),
        [DependenciesLabel] = string.Join(',', (service.DependsOn ?? []).Select(d => $"{d.Key}:{d.Value.Condition}:{(d.Value.Restart == true ? "true" : "false")}")),
    };
}
