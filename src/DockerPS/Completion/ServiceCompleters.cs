namespace DockerPS.Completion;

/// <summary>Swarm service names.</summary>
public sealed class ServiceNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ServiceOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Name);
}
