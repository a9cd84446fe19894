using DockerPS.Formatting;

namespace DockerPS.Completion;

/// <summary>Network names.</summary>
public sealed class NetworkNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await NetworkOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(n => n.Name);
}

/// <summary>Network ids, short as <c>docker network ls</c> shows them.</summary>
public sealed class NetworkIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await NetworkOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(n => Display.ShortId(n.Id));
}
