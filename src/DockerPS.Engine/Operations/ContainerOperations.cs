using System.Net.Http.Json;
using System.Text.Json;
using Docker.DotNet.Models;

namespace DockerPS.Operations;

/// <summary>
/// Container calls. A container is named by anything the engine resolves: a name, a full id or an id prefix;
/// an unknown one is an <see cref="Errors.EngineErrorKind.NotFound"/> failure.
/// </summary>
public static class ContainerOperations
{
    /// <summary>All containers (running or not) that match the engine-side filters.</summary>
    public static Task<IReadOnlyList<Container>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Container>>(async (client, ct) =>
        {
            var list = await client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
            return list.Select(c => new Container(c, engine)).ToArray();
        }, cancellationToken);

    public static Task<ContainerDetail> InspectAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
            new ContainerDetail(await client.Containers.InspectContainerAsync(container, ct).ConfigureAwait(false), engine), cancellationToken);

    /// <summary>
    /// Inspects many containers with a few calls in flight at once (the engine has no bulk inspect), in the order
    /// given; containers removed since they were listed are left out.
    /// </summary>
    public static async Task<IReadOnlyList<ContainerDetail>> InspectManyAsync(DockerEngine engine, IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var details = new ContainerDetail?[containers.Count];
        await Parallel.ForAsync(0, containers.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                details[i] = await InspectAsync(engine, containers[i], ct).ConfigureAwait(false);
            }
            catch (Errors.DockerEngineException e) when (e.Kind == Errors.EngineErrorKind.NotFound)
            {
            }
        }).ConfigureAwait(false);
        return details.OfType<ContainerDetail>().ToArray();
    }

    /// <summary>Starts the container; false when it was already running.</summary>
    public static Task<bool> StartAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.StartContainerAsync(container, new ContainerStartParameters(), ct), cancellationToken);

    /// <summary>Stops the container (the stop signal, then SIGKILL after the timeout); false when it was not running.</summary>
    public static Task<bool> StopAsync(DockerEngine engine, string container, int? timeoutSeconds, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.StopContainerAsync(
            container, new ContainerStopParameters { WaitBeforeKillSeconds = (uint?)timeoutSeconds }, ct), cancellationToken);

    public static Task KillAsync(DockerEngine engine, string container, string signal, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.KillContainerAsync(container, new ContainerKillParameters { Signal = signal }, ct), cancellationToken);

    public static Task RestartAsync(DockerEngine engine, string container, int? timeoutSeconds, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.RestartContainerAsync(container, new ContainerRestartParameters { WaitBeforeKillSeconds = (uint?)timeoutSeconds }, ct), cancellationToken);

    public static Task PauseAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.PauseContainerAsync(container, ct), cancellationToken);

    public static Task UnpauseAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.UnpauseContainerAsync(container, ct), cancellationToken);

    public static Task RenameAsync(DockerEngine engine, string container, string newName, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.RenameContainerAsync(container, new ContainerRenameParameters { NewName = newName }, ct), cancellationToken);

    public static Task RemoveAsync(DockerEngine engine, string container, bool force, bool volumes, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = force, RemoveVolumes = volumes }, ct), cancellationToken);

    /// <summary>
    /// Creates a container and returns its id and the engine's warnings. An unknown image is a NotFound failure.
    /// Raw, so that raw Config and HostConfig fields merge into the body as they are.
    /// </summary>
    public static Task<(string Id, IReadOnlyList<string> Warnings)> CreateAsync(DockerEngine engine, ContainerCreateSpec spec, CancellationToken cancellationToken)
    {
        var query = string.Join('&', new[] { ("name", spec.Name), ("platform", spec.Platform) }
            .Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        return engine.SendAsync(HttpMethod.Post, "containers/create" + (query.Length > 0 ? "?" + query : ""), JsonContent.Create(spec.ToBody()),
            async (response, ct) =>
            {
                using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
                var warnings = body.RootElement.TryGetProperty("Warnings", out var w) && w.ValueKind == JsonValueKind.Array
                    ? w.EnumerateArray().Select(x => x.GetString() ?? string.Empty).Where(x => x.Length > 0).ToArray()
                    : [];
                return (body.RootElement.GetProperty("Id").GetString()!, (IReadOnlyList<string>)warnings);
            }, cancellationToken);
    }

    /// <summary>
    /// Waits for the container to reach <paramref name="condition"/> (not-running, next-exit or removed) and
    /// returns its exit code. Raw, because Docker.DotNet's wait takes no condition.
    /// </summary>
    public static Task<long> WaitAsync(DockerEngine engine, string container, string condition, CancellationToken cancellationToken) =>
        engine.SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(container)}/wait?condition={Uri.EscapeDataString(condition)}", null,
            async (response, ct) =>
            {
                using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
                return body.RootElement.GetProperty("StatusCode").GetInt64();
            }, cancellationToken);
}
