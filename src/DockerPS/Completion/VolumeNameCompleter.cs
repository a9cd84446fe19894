namespace DockerPS.Completion;

/// <summary>Volume names.</summary>
public sealed class VolumeNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await VolumeOperations.ListAsync(engine, new FilterSet(), cancellationToken).ConfigureAwait(false)).Select(v => v.Name);
}
