using DockerPS.Formatting;

namespace DockerPS.Completion;

/// <summary>Image references (<c>repository:tag</c>) and repositories.</summary>
public sealed class ImageNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ImageOperations.ListAsync(engine, new FilterSet(), all: false, cancellationToken).ConfigureAwait(false))
            .Where(i => i.Repository != Image.None)
            .SelectMany(i => new[] { i.Repository, i.Reference });
}

/// <summary>Image ids, short as <c>docker images</c> shows them.</summary>
public sealed class ImageIdCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ImageOperations.ListAsync(engine, new FilterSet(), all: false, cancellationToken).ConfigureAwait(false))
            .Select(i => Display.ShortId(i.Id));
}
