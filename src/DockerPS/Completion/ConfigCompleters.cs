namespace DockerPS.Completion;

/// <summary>Swarm config names.</summary>
public sealed class ConfigNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ConfigOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Name);
}

/// <summary>Swarm config ids, in full as <c>docker config ls</c> shows them.</summary>
public sealed class ConfigIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ConfigOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(s => s.Id);
}
