using Docker.DotNet.Models;

namespace DockerPS.Operations;

public static class ContainerOperations
{
    /// <summary>All containers (running or not) that match the engine-side filters.</summary>
    public static Task<IReadOnlyList<Container>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Container>>(async (client, ct) =>
        {
            var list = await client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
            return list.Select(c => new Container(c, engine)).ToArray();
        }, cancellationToken);
}
