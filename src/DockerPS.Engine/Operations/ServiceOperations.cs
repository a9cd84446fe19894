using System.Runtime.CompilerServices;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Registry;
using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary>
/// Swarm service calls, to a manager (see <see cref="SwarmOperations"/>). A service is named by its name, id or an id
/// prefix; an unknown one is a <see cref="ErrorCatalog.NotFound"/> failure.
/// </summary>
public static class ServiceOperations
{
    /// <summary>
    /// The services that match the engine-side filters (id, name, label, mode), by name as <c>docker service ls</c>
    /// sorts them, with their running and desired task counts.
    /// </summary>
    public static Task<IReadOnlyList<Service>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Service>>(async (client, ct) =>
            (await client.Swarm.ListServicesAsync(new ServiceListParameters { Filters = filters.ToEngine(), Status = true }, ct).ConfigureAwait(false))
                .Select(s => new Service(s, engine)).OrderBy(s => s.Name, NaturalOrder.Instance).ToArray(), cancellationToken).OnManager();

    /// <summary>One service, with its task counts (the inspect call has none, so it is listed by id).</summary>
    public static async Task<Service> InspectAsync(DockerEngine engine, string service, CancellationToken cancellationToken)
    {
        var id = await engine.CallAsync(async (client, ct) => (await client.Swarm.InspectServiceAsync(service, ct).ConfigureAwait(false)).ID, cancellationToken)
            .OnManager().ConfigureAwait(false);
        var listed = await ListAsync(engine, new FilterSet().Add("id", id), cancellationToken).ConfigureAwait(false);
        return listed.FirstOrDefault(s => s.Id == id) ?? throw new DockerEngineException(ErrorCatalog.NotFound, $"The service {service} was removed while it was read.");
    }

    /// <summary>
    /// <c>docker service create</c>: a service named <paramref name="name"/> with <paramref name="settings"/>; returns its id
    /// and the engine's warnings. <paramref name="credential"/> (<c>--with-registry-auth</c>) lets the nodes pull a private image.
    /// </summary>
    public static Task<(string Id, IReadOnlyList<string> Warnings)> CreateAsync(DockerEngine engine, string? name, ServiceSettings settings,
        RegistryCredential? credential, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            var spec = new ServiceSpec { Name = name ?? string.Empty };
            settings.ApplyTo(spec, await ResolveAsync(engine, settings, ct).ConfigureAwait(false));
            var created = await client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = Auth(credential)! }, ct).ConfigureAwait(false);
            return (created.ID ?? string.Empty, (IReadOnlyList<string>)[.. created.Warnings ?? []]);
        }, cancellationToken).OnManager().Meaning(ErrorCatalog.Conflict, ErrorCatalog.ServiceExists);

    /// <summary>
    /// <c>docker service update</c>: the service's spec as it is now with <paramref name="settings"/>'s changes, written
    /// against the version read (a service changed in between is a Conflict failure, as with the docker CLI); with
    /// <paramref name="rollback"/>, the spec before the last update instead (<c>docker service rollback</c>). Returns the
    /// service's id, the engine's warnings and when the service's last update before this one started (see
    /// <see cref="ServiceConvergence.WaitAsync"/>).
    /// </summary>
    public static Task<(string Id, IReadOnlyList<string> Warnings, DateTime? EarlierUpdate)> UpdateAsync(DockerEngine engine, string service, ServiceSettings settings, bool rollback,
        RegistryCredential? credential, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            var current = await client.Swarm.InspectServiceAsync(service, ct).ConfigureAwait(false);
            var spec = current.Spec ?? new ServiceSpec();
            if (!rollback)
            {
                settings.ApplyTo(spec, await ResolveAsync(engine, settings, ct).ConfigureAwait(false));
            }
            else if (current.PreviousSpec is null)
            {
                throw new DockerEngineException(ErrorCatalog.NoPreviousSpec, $"The service {service} has not been updated: there is nothing to roll back to.");
            }
            var updated = await client.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters
            {
                Service = spec,
                Version = (long)(current.Version?.Index ?? 0),
                Rollback = rollback ? "previous" : null!,
                RegistryAuth = Auth(credential)!,
            }, ct).ConfigureAwait(false);
            return (current.ID ?? string.Empty, (IReadOnlyList<string>)[.. updated.Warnings ?? []], current.UpdateStatus?.StartedAt);
        }, cancellationToken).OnManager();

    /// <summary><c>docker service rm</c>.</summary>
    public static Task RemoveAsync(DockerEngine engine, string service, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Swarm.RemoveServiceAsync(service, ct), cancellationToken).OnManager();

    /// <summary>
    /// <c>docker service logs</c>: the lines of every task of the service, merged by the engine from the nodes, each
    /// named by its task and node as the CLI names them; with <see cref="LogOptions.Follow"/>, new lines until cancelled.
    /// </summary>
    public static async IAsyncEnumerable<ServiceLogLine> ReadLogsAsync(DockerEngine engine, string service, LogOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = await engine.CallAsync((client, ct) => client.Swarm.InspectServiceAsync(service, ct), cancellationToken).OnManager().ConfigureAwait(false);
        var id = found.ID ?? service;
        var tty = found.Spec?.TaskTemplate?.ContainerSpec?.TTY ?? false;
        var names = new TaskNames(engine, id);
        var request = new HttpRequestMessage(HttpMethod.Get, $"services/{Uri.EscapeDataString(id)}/logs?details=1&{LogOperations.Query(options)}");
        request.Options.Set(ConnectionRouter.BlockingReads, true);
        using var response = await engine.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var line in OutputDecoder.ReadAsync(body, service, engine, !tty, options.Timestamps, cancellationToken).ConfigureAwait(false))
        {
            // With details, each line starts with the attributes of its task: node.id, service.id and task.id, then a space.
            var space = line.Text.IndexOf(' ');
            var attributes = (space < 0 ? line.Text : line.Text[..space]).Split(',').Select(a => a.Split('=', 2)).Where(a => a.Length == 2)
                .ToDictionary(a => Uri.UnescapeDataString(a[0]), a => Uri.UnescapeDataString(a[1]));
            var (task, node) = await names.ResolveAsync(attributes.GetValueOrDefault("com.docker.swarm.task.id") ?? string.Empty, cancellationToken).ConfigureAwait(false);
            yield return new ServiceLogLine(service, task, node, line.Stream, space < 0 ? string.Empty : line.Text[(space + 1)..], line.Timestamp, engine);
        }
    }

    /// <summary>Task ids to task names and node hostnames, listed again when a task appears that was not there before.</summary>
    private sealed class TaskNames(DockerEngine engine, string serviceId)
    {
        private Dictionary<string, SwarmTask> _tasks = [];

        public async Task<(string Task, string? Node)> ResolveAsync(string id, CancellationToken cancellationToken)
        {
            if (!_tasks.ContainsKey(id))
            {
                _tasks = (await TaskOperations.ListAsync(engine, new FilterSet().Add("service", serviceId), cancellationToken).ConfigureAwait(false))
                    .ToDictionary(t => t.Id);
            }
            return _tasks.TryGetValue(id, out var task) ? (task.Name, task.Node) : (id, null);
        }
    }

    /// <summary>Names of secrets or configs to their ids, as the CLI resolves them; a name the swarm does not have is <paramref name="notFound"/>.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> ResolveAsync<T>(IEnumerable<string> names,
        Func<FilterSet, Task<IReadOnlyList<T>>> list, Func<T, (string Id, string Name)> key, ErrorCode notFound, string kind)
    {
        var wanted = names.ToArray();
        if (wanted.Length == 0)
        {
            return new Dictionary<string, string>();
        }
        var filters = new FilterSet();
        foreach (var name in wanted)
        {
            filters.Add("name", name);
        }
        // The name filter matches prefixes: only the exact name counts.
        var ids = (await list(filters).ConfigureAwait(false)).Select(key).Where(o => wanted.Contains(o.Name, StringComparer.Ordinal))
            .ToDictionary(o => o.Name, o => o.Id, StringComparer.Ordinal);
        if (wanted.FirstOrDefault(n => !ids.ContainsKey(n)) is { } missing)
        {
            throw new DockerEngineException(notFound, $"The swarm has no {kind} named '{missing}'.");
        }
        return ids;
    }

    /// <summary>The ids of the secrets, configs and networks the settings name, by name, as the CLI resolves them.</summary>
    private static async Task<ServiceReferences> ResolveAsync(DockerEngine engine, ServiceSettings settings, CancellationToken ct)
    {
        var networks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var network in settings.NetworkNames)
        {
            networks[network] = (await NetworkOperations.InspectAsync(engine, network, ct).Meaning(ErrorCatalog.NotFound, ErrorCatalog.NetworkNotFound).ConfigureAwait(false)).Id;
        }
        return new(
            await ResolveAsync(settings.SecretNames, f => SecretOperations.ListAsync(engine, f, ct), s => (s.Id, s.Name), ErrorCatalog.SecretNotFound, "secret").ConfigureAwait(false),
            await ResolveAsync(settings.ConfigNames, f => ConfigOperations.ListAsync(engine, f, ct), c => (c.Id, c.Name), ErrorCatalog.ConfigNotFound, "config").ConfigureAwait(false),
            networks);
    }

    private static AuthConfig? Auth(RegistryCredential? credential) => credential is null ? null : new AuthConfig
    {
        ServerAddress = credential.ServerAddress,
        Username = credential.Username,
        Password = credential.Password,
        IdentityToken = credential.IdentityToken,
    };
}
