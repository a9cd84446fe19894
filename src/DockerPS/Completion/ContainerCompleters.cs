using DockerPS.Formatting;

namespace DockerPS.Completion;

/// <summary>Container names.</summary>
public sealed class ContainerNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ContainerOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(c => c.Name);
}

/// <summary>Container ids, short as <c>docker ps</c> shows them.</summary>
public sealed class ContainerIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ContainerOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(c => Display.ShortId(c.Id));
}
