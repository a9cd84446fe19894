namespace DockerPS.Completion;

/// <summary>Swarm secret names.</summary>
public sealed class SecretNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await SecretOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Name);
}

/// <summary>Swarm secret ids, in full as <c>docker secret ls</c> shows them.</summary>
public sealed class SecretIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await SecretOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Id);
}
