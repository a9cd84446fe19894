using System.Text.Json;

namespace DockerPS.Operations;

public static class SystemOperations
{
    public static Task<EngineVersion> VersionAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new EngineVersion(await client.System.GetVersionAsync(ct).ConfigureAwait(false), engine), cancellationToken);

    public static Task<EngineInfo> InfoAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new EngineInfo(await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false), engine), cancellationToken);

    /// <summary><c>docker system df</c>: a summary per type of object.</summary>
    public static Task<IReadOnlyList<DiskUsage>> DiskUsageAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        ReadDiskUsageAsync(engine, df => DiskUsage.Summarize(df, engine), cancellationToken);

    /// <summary><c>docker system df -v</c>: every image, container, volume and build cache record with its size.</summary>
    public static Task<IReadOnlyList<DiskUsageItem>> DiskUsageDetailAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        ReadDiskUsageAsync(engine, df => DiskUsageItem.List(df, engine), cancellationToken);

    /// <summary>
    /// Raw: Docker.DotNet's model of <c>/system/df</c> has the API 1.52 shape, which engines before it do not send.
    /// </summary>
    private static Task<T> ReadDiskUsageAsync<T>(DockerEngine engine, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
        engine.SendAsync(HttpMethod.Get, "system/df", null, async (response, ct) =>
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
            return read(body.RootElement.Clone());
        }, cancellationToken);
}
