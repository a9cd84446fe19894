using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Docker.DotNet.Models;
using DockerPS.Errors;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// Container calls. A container is named by anything the engine resolves: a name, a full id or an id prefix;
/// an unknown one is an <see cref="Errors.ErrorCatalog.NotFound"/> failure.
/// </summary>
public static partial class ContainerOperations
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

    /// <summary>Inspects several at once, in the order given; see <see cref="DockerEngine.InspectEachAsync{T}"/>.</summary>
    public static Task<IReadOnlyList<ContainerDetail>> InspectManyAsync(DockerEngine engine, IReadOnlyList<string> containers, CancellationToken cancellationToken) =>
        engine.InspectEachAsync(containers, InspectAsync, cancellationToken);

    /// <summary>Starts the container; false when it was already running.</summary>
    public static Task<bool> StartAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.StartContainerAsync(container, new ContainerStartParameters(), ct), cancellationToken);

    /// <summary>
    /// Connects to the container's stdout and stderr, and its stdin when asked (<c>docker attach</c>), as <c>docker run</c> does
    /// before it starts the container: the session then has all the output, raw as the process wrote it, and ends when
    /// the process's streams close. Following the log instead loses a last line without a newline now and then: the
    /// engine logs it only when the stream ends, and can stop following at the exit before it has read it (moby/moby#43860).
    /// </summary>
    /// <remarks>
    /// <paramref name="detachKeys"/> (see <see cref="Terminal.DetachKeys"/>) tells the engine which keys detach instead of
    /// its default, so that ctrl-p,ctrl-q typed in a session with other keys reach the process.
    /// </remarks>
    public static async Task<OutputSession> AttachAsync(DockerEngine engine, string container, bool tty, bool stdin, CancellationToken cancellationToken,
        bool stdout = true, bool stderr = true, string? detachKeys = null) =>
        new(engine, container, await engine.HijackAsync($"containers/{Uri.EscapeDataString(container)}/attach?stream=1{(stdout ? "&stdout=1" : "")}{(stderr ? "&stderr=1" : "")}{(stdin ? "&stdin=1" : "")}"
            + (detachKeys is null ? "" : $"&detachKeys={Uri.EscapeDataString(detachKeys)}"),
            null, cancellationToken).ConfigureAwait(false), tty, $"containers/{Uri.EscapeDataString(container)}/resize");

    /// <summary>
    /// The container, when it runs and so can be attached to (<c>docker attach</c> checks the same); a stopped, paused or
    /// restarting one is ContainerNotRunning.
    /// </summary>
    public static async Task<ContainerDetail> InspectRunningAsync(DockerEngine engine, string container, CancellationToken cancellationToken)
    {
        var detail = await InspectAsync(engine, container, cancellationToken).ConfigureAwait(false);
        return detail.State == "running" ? detail : throw new DockerEngineException(ErrorCatalog.ContainerNotRunning, detail.State switch
        {
            "paused" => $"Container {container} is paused: resume it first (Resume-DockerContainer).",
            "restarting" => $"Container {container} is restarting: wait until it runs.",
            _ => $"Container {container} is {detail.State}, not running: start it first (Start-DockerContainer).",
        });
    }

    /// <summary>Stops the container (the stop signal, then SIGKILL after the timeout); false when it was not running.</summary>
    public static Task<bool> StopAsync(DockerEngine engine, string container, int? timeoutSeconds, CancellationToken cancellationToken) =>
        StopOrRestartAsync(engine, container, "stop", timeoutSeconds, cancellationToken);

    public static Task KillAsync(DockerEngine engine, string container, string signal, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Containers.KillContainerAsync(container, new ContainerKillParameters { Signal = signal }, ct), cancellationToken);

    public static Task RestartAsync(DockerEngine engine, string container, int? timeoutSeconds, CancellationToken cancellationToken) =>
        StopOrRestartAsync(engine, container, "restart", timeoutSeconds, cancellationToken);

    /// <summary>
    /// Sent raw: Docker.DotNet leaves a zero <c>t</c> out of the query (a default value), so a timeout of 0 waited the
    /// container's own 10 s before the kill (bench B3 measured 10.1 s per container). False when the engine answers 304.
    /// </summary>
    private static async Task<bool> StopOrRestartAsync(DockerEngine engine, string container, string action, int? timeoutSeconds, CancellationToken cancellationToken)
    {
        var query = timeoutSeconds is { } seconds ? $"?t={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty;
        try
        {
            return await engine.SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(container)}/{action}{query}", null,
                (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == System.Net.HttpStatusCode.NotModified)
        {
            return false;
        }
    }

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
        return PostAsync(engine, "containers/create" + (query.Length > 0 ? "?" + query : ""), JsonContent.Create(spec.ToBody()), body =>
        {
            return (body.GetProperty("Id").GetString()!, Warnings(body));
        }, cancellationToken).Meaning(ErrorCatalog.NotFound, ErrorCatalog.ImageNotFound);
    }

    /// <summary>
    /// Waits for the container to reach <paramref name="condition"/> (not-running, next-exit or removed) and
    /// returns its exit code. Raw, because Docker.DotNet's wait takes no condition. Podman before 4.4 fails a wait
    /// that races the container's exit with "read /proc/N/cgroup: no such process" (containers/podman#16383, fixed
    /// by #16504); the container has exited by then, so that wait is asked once more.
    /// </summary>
    public static async Task<ContainerExit> WaitAsync(DockerEngine engine, string container, string condition, CancellationToken cancellationToken)
    {
        var path = $"containers/{Uri.EscapeDataString(container)}/wait?condition={Uri.EscapeDataString(condition)}";
        Task<ContainerExit> Wait() => PostAsync(engine, path, null,
            body => new ContainerExit(container, body.GetProperty("StatusCode").GetInt64(), engine), cancellationToken);
        try
        {
            return await Wait().ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == HttpStatusCode.InternalServerError && PodmanExitRace().IsMatch(e.Message))
        {
            return await Wait().ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"read /proc/\d+/cgroup: no such process")]
    private static partial Regex PodmanExitRace();

    /// <summary>
    /// Waits until the container's health check says healthy and returns the container as it is then, inspecting it
    /// every <paramref name="interval"/>: the engine's wait knows no health, and following events would need an inspect
    /// first anyway. A container that is not running (and not restarting or paused) is ContainerNotRunning, one without a
    /// health check NoHealthCheck, one whose check says unhealthy ContainerUnhealthy with the last probe's output.
    /// </summary>
    public static async Task<ContainerDetail> WaitHealthyAsync(DockerEngine engine, string container, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var detail = await InspectAsync(engine, container, cancellationToken).ConfigureAwait(false);
            var health = detail.Health;
            if (detail.State is not ("running" or "restarting" or "paused"))
            {
                throw new DockerEngineException(ErrorCatalog.ContainerNotRunning, $"Container {container} is {detail.State}: it cannot become healthy.");
            }
            if (health.Status == ContainerHealth.None)
            {
                throw new DockerEngineException(ErrorCatalog.NoHealthCheck, $"Container {container} has no health check to wait for.");
            }
            if (health.Status == ContainerHealth.Unhealthy)
            {
                throw new DockerEngineException(ErrorCatalog.ContainerUnhealthy,
                    $"Container {container} is unhealthy after {health.FailingStreak} failed checks; the last exited with {health.LastExitCode}: {health.LastOutput}");
            }
            if (health.Status == ContainerHealth.Healthy && detail.State == "running")
            {
                return detail;
            }
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One stats sample (<c>docker stats --no-stream</c>); the engine takes two readings about a second apart so CPU % is known.</summary>
    public static Task<ContainerStats> SampleAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            ContainerStatsResponse? sample = null;
            await client.Containers.GetContainerStatsAsync(container, new ContainerStatsParameters { Stream = false },
                new Reporter<ContainerStatsResponse>(s => sample = s), ct).ConfigureAwait(false);
            return new ContainerStats(sample ?? throw new InvalidDataException($"The engine sent no stats for container {container}."), engine);
        }, cancellationToken);

    /// <summary>
    /// Stats samples as the engine sends them (about one a second) until the container stops or the token is
    /// cancelled, which ends the request at once. A stopped container's stream ends with its first sample of zeros
    /// (no <see cref="ContainerStats.Read"/> time): the engine would go on sending zeros every second.
    /// </summary>
    public static async IAsyncEnumerable<ContainerStats> StatsAsync(DockerEngine engine, string container, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var samples = Channel.CreateUnbounded<ContainerStatsResponse>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reading = engine.CallAsync(async (client, ct) =>
        {
            try
            {
                await client.Containers.GetContainerStatsAsync(container, new ContainerStatsParameters { Stream = true },
                    new Reporter<ContainerStatsResponse>(s => samples.Writer.TryWrite(s)), ct).ConfigureAwait(false);
            }
            finally
            {
                samples.Writer.TryComplete();
            }
            return true;
        }, stop.Token);
        try
        {
            await foreach (var sample in samples.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var stats = new ContainerStats(sample, engine);
                yield return stats;
                if (stats.Read is null)
                {
                    yield break;
                }
            }
            await reading.ConfigureAwait(false);
        }
        finally
        {
            // A consumer that stops early ends the request too.
            stop.Cancel();
        }
    }

    /// <summary>The container's processes (<c>docker top</c>), listed by the engine host's ps with these options (default -ef).</summary>
    public static Task<IReadOnlyList<ContainerProcess>> ProcessesAsync(DockerEngine engine, string container, string? psArguments, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<ContainerProcess>>(async (client, ct) =>
        {
            var top = await client.Containers.ListProcessesAsync(container, new ContainerListProcessesParameters { PsArgs = psArguments }, ct).ConfigureAwait(false);
            return top.Processes?.Select(row => new ContainerProcess(container, top.Titles, row, engine)).ToArray() ?? [];
        }, cancellationToken).Meaning(ErrorCatalog.Conflict, ErrorCatalog.ContainerNotRunning);

    /// <summary>Paths the container changed, added or deleted relative to its image (<c>docker diff</c>).</summary>
    public static Task<IReadOnlyList<ContainerChange>> ChangesAsync(DockerEngine engine, string container, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<ContainerChange>>(async (client, ct) =>
            (await client.Containers.InspectChangesAsync(container, ct).ConfigureAwait(false))?
                .Select(c => new ContainerChange(container, c, engine)).ToArray() ?? [], cancellationToken);

    /// <summary>
    /// Makes an image of the container (<c>docker commit</c>) and returns the image id. Raw, because Docker.DotNet
    /// leaves a false pause out of the query and the engine's default is to pause. The body is an empty configuration:
    /// Docker takes no body too, Podman refuses one.
    /// </summary>
    public static Task<string> CommitAsync(DockerEngine engine, string container, ImageReference? reference, string? message, string? author,
        IReadOnlyList<string> changes, bool pause, CancellationToken cancellationToken)
    {
        var query = new List<(string Key, string? Value)>
        {
            ("container", container), ("repo", reference?.Repository), ("tag", reference?.Tag),
            ("comment", message), ("author", author), ("pause", pause ? "1" : "0"),
        };
        query.AddRange(changes.Select(change => ("changes", (string?)change)));
        var text = string.Join('&', query.Where(q => q.Value is not null).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value!)}"));
        return PostAsync(engine, $"commit?{text}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
            body => ImageReference.FullId(body.GetProperty("Id").GetString() ?? throw new InvalidDataException("The engine answered a commit without an image id.")), cancellationToken);
    }

    /// <summary>
    /// Changes the container's resources and restart policy (<c>docker update</c>); returns the engine's warnings. The
    /// settings left out are left as they are.
    /// </summary>
    public static Task<IReadOnlyList<string>> UpdateAsync(DockerEngine engine, string container, ContainerResources resources, CancellationToken cancellationToken)
    {
        var body = new JsonObject();
        resources.WriteTo(body);
        return PostAsync(engine, $"containers/{Uri.EscapeDataString(container)}/update", JsonContent.Create(body), Warnings, cancellationToken);
    }

    /// <summary>
    /// The stopped containers (created, exited or dead) a prune with this filter would remove, with their writable
    /// layer sizes (<see cref="Container.SizeRw"/>), which is the space removing them frees. The states are picked
    /// here, not by a status filter: Podman refuses <c>status=dead</c>.
    /// </summary>
    public static Task<IReadOnlyList<Container>> PruneCandidatesAsync(DockerEngine engine, PruneFilter filter, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Container>>(async (client, ct) =>
        {
            var list = await client.Containers.ListContainersAsync(
                new ContainersListParameters { All = true, Size = true, Filters = filter.LabelFilters().ToEngine() }, ct).ConfigureAwait(false);
            return list.Select(c => new Container(c, engine))
                .Where(c => StoppedStates.Contains(c.State) && filter.Matches(c.Created.ToUniversalTime(), c.Labels)).ToArray();
        }, cancellationToken);

    /// <summary>The warnings of an engine answer (create, update).</summary>
    private static IReadOnlyList<string> Warnings(JsonElement answer) =>
        answer.TryGetProperty("Warnings", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => x.GetString()).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToArray()
            : [];

    private static readonly string[] StoppedStates = ["created", "exited", "dead"];

    /// <summary>Hands each item over on the thread that reports it, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class Reporter<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>A raw POST whose JSON answer <paramref name="read"/> turns into the result.</summary>
    private static Task<T> PostAsync<T>(DockerEngine engine, string pathAndQuery, HttpContent? content, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
        engine.SendJsonAsync(HttpMethod.Post, pathAndQuery, content, read, cancellationToken);
}
