using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// Calls about the swarm itself. Like every swarm call (nodes, and services, tasks, secrets and configs beside them),
/// they need a manager: another engine's answer is a <see cref="ErrorCatalog.NotSwarmManager"/> failure.
/// </summary>
public static class SwarmOperations
{
    /// <summary>The swarm the engine manages, with its join tokens.</summary>
    public static Task<Swarm> InspectAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Swarm(await client.Swarm.InspectSwarmAsync(ct).ConfigureAwait(false), engine), cancellationToken)
            .OnManager();
}
