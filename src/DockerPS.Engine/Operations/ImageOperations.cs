using Docker.DotNet.Models;

namespace DockerPS.Operations;

public static class ImageOperations
{
    /// <summary>The rows of <c>docker images</c> (one per tag), optionally with intermediate images.</summary>
    public static Task<IReadOnlyList<Image>> ListAsync(DockerEngine engine, FilterSet filters, bool all, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Image>>(async (client, ct) =>
        {
            var list = await client.Images.ListImagesAsync(
                new ImagesListParameters { All = all, Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
            return list.SelectMany(i => Image.Rows(i, engine)).ToArray();
        }, cancellationToken);
}
