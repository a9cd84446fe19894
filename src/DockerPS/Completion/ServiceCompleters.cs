namespace DockerPS.Completion;

/// <summary>Swarm service names.</summary>
public sealed class ServiceNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ServiceOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Name);
}

/// <summary>Swarm service ids, in full as <c>docker service ls --no-trunc</c> shows them.</summary>
public sealed class ServiceIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ServiceOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Id);
}
