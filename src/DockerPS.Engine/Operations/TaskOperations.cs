using Docker.DotNet.Models;

namespace DockerPS.Operations;

/// <summary>Swarm task calls, to a manager (see <see cref="SwarmOperations"/>).</summary>
public static class TaskOperations
{
    /// <summary>
    /// The tasks that match the engine-side filters (service, node, desired-state, name, id, label), named by service and
    /// slot and placed by node hostname as <c>docker service ps</c> shows them: by service name, slot, then newest first.
    /// </summary>
    public static async Task<IReadOnlyList<SwarmTask>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken)
    {
        var tasks = engine.CallAsync(async (client, ct) =>
            await client.Tasks.ListAsync(new TasksListParameters { Filters = filters.ToEngine() }, ct).ConfigureAwait(false), cancellationToken).OnManager();
        var services = engine.SendJsonAsync(HttpMethod.Get, "services", null,
            body => body.EnumerateArray().ToDictionary(s => s.GetProperty("ID").GetString()!, s => s.GetProperty("Spec").GetProperty("Name").GetString()!), cancellationToken).OnManager();
        var nodes = NodeOperations.ListAsync(engine, new FilterSet(), cancellationToken);
        await Task.WhenAll(tasks, services, nodes).ConfigureAwait(false);
        var hostnames = nodes.Result.ToDictionary(n => n.Id, n => n.Hostname);
        return (await tasks.ConfigureAwait(false))
            .Select(t => new SwarmTask(t, services.Result.GetValueOrDefault(t.ServiceID ?? string.Empty) ?? t.ServiceID ?? string.Empty,
                t.NodeID is { Length: > 0 } node ? hostnames.GetValueOrDefault(node) ?? node : null, engine))
            .OrderBy(t => t.ServiceName, NaturalOrder.Instance).ThenBy(t => t.Slot ?? 0).ThenBy(t => t.NodeId, StringComparer.Ordinal)
            .ThenByDescending(t => t.Created).ToArray();
    }
}
