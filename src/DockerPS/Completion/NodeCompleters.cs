namespace DockerPS.Completion;

/// <summary>Swarm node hostnames.</summary>
public sealed class NodeNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await NodeOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(n => n.Hostname);
}

/// <summary>Swarm node ids, in full as <c>docker node ls</c> shows them.</summary>
public sealed class NodeIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await NodeOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(n => n.Id);
}
