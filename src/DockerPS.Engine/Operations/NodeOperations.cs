using System.Text.Json;
using Docker.DotNet.Models;

namespace DockerPS.Operations;

/// <summary>
/// Swarm node calls, to a manager (see <see cref="SwarmOperations"/>). A node is named by anything the engine resolves:
/// its hostname, id or an id prefix; an unknown one is an <see cref="Errors.ErrorCatalog.NotFound"/> failure.
/// </summary>
public static class NodeOperations
{
    /// <summary>
    /// The nodes that match the engine-side filters (id, name, role, membership, label, node.label), by hostname as
    /// <c>docker node ls</c> sorts them. Raw, because Docker.DotNet's node list takes no filters.
    /// </summary>
    public static Task<IReadOnlyList<Node>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.SendJsonAsync<IReadOnlyList<Node>>(HttpMethod.Get, filters.Query("nodes"), null,
            body => (body.Deserialize<NodeListResponse[]>() ?? []).Select(n => new Node(n, engine))
                .OrderBy(n => n.Hostname, NaturalOrder.Instance).ToArray(), cancellationToken).OnManager();

    public static Task<Node> InspectAsync(DockerEngine engine, string node, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Node(await client.Swarm.InspectNodeAsync(node, ct).ConfigureAwait(false), engine), cancellationToken)
            .OnManager();

    /// <summary>
    /// <c>docker node update</c>: the node's settings as they are now, with <paramref name="update"/>'s changes, written
    /// against the version read (a node changed in between is a Conflict failure, as with the docker CLI).
    /// </summary>
    public static Task UpdateAsync(DockerEngine engine, string node, NodeUpdate update, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            var current = await client.Swarm.InspectNodeAsync(node, ct).ConfigureAwait(false);
            var spec = current.Spec ?? new NodeUpdateParameters();
            update.ApplyTo(spec);
            await client.Swarm.UpdateNodeAsync(current.ID, current.Version?.Index ?? 0, spec, ct).ConfigureAwait(false);
        }, cancellationToken).OnManager();

    /// <summary><c>docker node rm</c>; a node that is not down stays unless <paramref name="force"/>.</summary>
    public static Task RemoveAsync(DockerEngine engine, string node, bool force, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Swarm.RemoveNodeAsync(node, force, ct), cancellationToken).OnManager();
}
