using System.Text;
using Docker.DotNet.Models;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>What to run with <c>docker exec</c>, and how.</summary>
public sealed class ExecOptions
{
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>Variables as <c>NAME=value</c>.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public bool Tty { get; init; }

    public bool Privileged { get; init; }

    /// <summary>Connect the process's stdin (see <see cref="OutputSession.WriteAsync"/>).</summary>
    public bool Input { get; init; }

    /// <summary>The keys that detach from the process (see <see cref="Terminal.DetachKeys"/>); the engine's default when null.</summary>
    public string? DetachKeys { get; init; }

    /// <summary>The TTY's size from the start (sent with the start, API 1.42+, as <c>docker exec -it</c> does), so that the process never sees it unset.</summary>
    public (int Width, int Height)? ConsoleSize { get; init; }
}

/// <summary>
/// <c>docker exec</c>: a process in a running container. An unknown container is a NotFound failure, one that is not
/// running (or paused) ContainerNotRunning.
/// </summary>
public static class ExecOperations
{
    /// <summary>Starts the process with its output (and stdin, if asked for) connected: the session reads and writes them.</summary>
    public static async Task<ExecSession> StartAsync(DockerEngine engine, string container, ExecOptions options, CancellationToken cancellationToken)
    {
        var id = await CreateAsync(engine, container, options, detach: false, cancellationToken).ConfigureAwait(false);
        var stream = await engine.HijackAsync($"exec/{id}/start", StartBody(detach: false, options.Tty, options.ConsoleSize), cancellationToken).ConfigureAwait(false);
        return new ExecSession(engine, container, id, stream, options.Tty);
    }

    /// <summary>Starts the process and leaves it running, unconnected; returns the exec instance's id.</summary>
    public static async Task<string> StartDetachedAsync(DockerEngine engine, string container, ExecOptions options, CancellationToken cancellationToken)
    {
        var id = await CreateAsync(engine, container, options, detach: true, cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Post, $"exec/{id}/start") { Content = StartBody(detach: true, options.Tty, options.ConsoleSize) };
        (await engine.OpenAsync(request, cancellationToken).ConfigureAwait(false)).Dispose();
        return id;
    }

    public static Task<ContainerExec> InspectAsync(DockerEngine engine, string execId, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
            new ContainerExec(await client.Exec.InspectContainerExecAsync(execId, ct).ConfigureAwait(false), engine), cancellationToken);

    private static Task<string> CreateAsync(DockerEngine engine, string container, ExecOptions options, bool detach, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => (await client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            Cmd = options.Command.ToList(),
            Env = options.Environment.ToList(),
            User = options.User ?? string.Empty,
            WorkingDir = options.WorkingDirectory ?? string.Empty,
            TTY = options.Tty,
            Privileged = options.Privileged,
            DetachKeys = options.DetachKeys ?? string.Empty,
            AttachStdin = options.Input && !detach,
            AttachStdout = !detach,
            AttachStderr = !detach,
        }, ct).ConfigureAwait(false)).ID, cancellationToken).Meaning(ErrorCatalog.Conflict, ErrorCatalog.ContainerNotRunning);

    private static StringContent StartBody(bool detach, bool tty, (int Width, int Height)? size) =>
        new($$"""{"Detach":{{(detach ? "true" : "false")}},"Tty":{{(tty ? "true" : "false")}}{{(size is var (width, height) ? $",\"ConsoleSize\":[{height},{width}]" : "")}}}""",
            Encoding.UTF8, "application/json");
}
