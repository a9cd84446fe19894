namespace DockerPS.Operations;

public static class SystemOperations
{
    public static Task<EngineVersion> VersionAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new EngineVersion(await client.System.GetVersionAsync(ct).ConfigureAwait(false), engine), cancellationToken);

    public static Task<EngineInfo> InfoAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new EngineInfo(await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false), engine), cancellationToken);
}
