using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// Calls about the swarm itself. Like every swarm call (nodes, and services, tasks, secrets and configs beside them),
/// reading and changing the swarm needs a manager: another engine's answer is a <see cref="ErrorCatalog.NotSwarmManager"/>
/// failure. Init and join need an engine in no swarm (else <see cref="ErrorCatalog.AlreadyInSwarm"/>).
/// </summary>
public static class SwarmOperations
{
    /// <summary>The swarm the engine manages, with its join tokens.</summary>
    public static Task<Swarm> InspectAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Swarm(await client.Swarm.InspectSwarmAsync(ct).ConfigureAwait(false), engine), cancellationToken)
            .OnManager();

    /// <summary>
    /// <c>docker swarm init</c>: a new swarm with the engine as its manager; returns the engine's node id. With
    /// <see cref="SwarmInitSpec.ForceNewCluster"/> the engine is a manager of a swarm already, which it restarts alone.
    /// </summary>
    public static Task<string> InitAsync(DockerEngine engine, SwarmInitSpec spec, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            if (!spec.ForceNewCluster)
            {
                await ThrowIfInSwarmAsync(engine, client, ct).ConfigureAwait(false);
            }
            return await client.Swarm.InitSwarmAsync(new SwarmInitParameters
            {
                AdvertiseAddr = spec.Member.AdvertiseAddress ?? string.Empty,
                ListenAddr = spec.Member.ListenAddress,
                DataPathAddr = spec.Member.DataPathAddress ?? string.Empty,
                Availability = spec.Member.Availability ?? string.Empty,
                DataPathPort = spec.DataPathPort ?? 0,
                ForceNewCluster = spec.ForceNewCluster,
                AutoLockManagers = spec.Autolock,
                DefaultAddrPool = [.. spec.DefaultAddressPool],
                SubnetSize = spec.SubnetSize ?? 0,
                Spec = new Spec
                {
                    Orchestration = spec.TaskHistoryLimit is { } limit ? new OrchestrationConfig { TaskHistoryRetentionLimit = limit } : null!,
                },
            }, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// <c>docker swarm join</c>: the engine joins the swarm of the managers given, as the token says (worker or manager).
    /// A join the engine has not finished in its own time (20 s) goes on in the background; the engine says so.
    /// </summary>
    public static Task JoinAsync(DockerEngine engine, SwarmJoinSpec spec, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            await ThrowIfInSwarmAsync(engine, client, ct).ConfigureAwait(false);
            await client.Swarm.JoinSwarmAsync(new SwarmJoinParameters
            {
                JoinToken = spec.Token,
                RemoteAddrs = [.. spec.RemoteAddresses],
                AdvertiseAddr = spec.Member.AdvertiseAddress ?? string.Empty,
                ListenAddr = spec.Member.ListenAddress,
                DataPathAddr = spec.Member.DataPathAddress ?? string.Empty,
                Availability = spec.Member.Availability ?? string.Empty,
            }, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// <c>docker swarm leave</c>. A manager whose leaving costs the swarm its quorum (the last one: the swarm itself), or a
    /// locked node, leaves only with <paramref name="force"/>, else LeaveNeedsForce with the engine's reason.
    /// </summary>
    public static async Task LeaveAsync(DockerEngine engine, bool force, CancellationToken cancellationToken)
    {
        try
        {
            await engine.CallAsync(async (client, ct) =>
            {
                if (!await InSwarmAsync(client, ct).ConfigureAwait(false))
                {
                    throw new DockerEngineException(ErrorCatalog.NotInSwarm, $"The engine at {engine.Endpoint} is not in a swarm.");
                }
                await client.Swarm.LeaveSwarmAsync(new SwarmLeaveParameters { Force = force }, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw e.As(ErrorCatalog.LeaveNeedsForce);
        }
    }

    // The engine answers init, join and leave in the wrong state with a 503, as it answers a join that timed out and a
    // manager leaving without force; its own state tells them apart.
    private static async Task<bool> InSwarmAsync(DockerClient client, CancellationToken ct) =>
        (await client.System.GetSystemInfoAsync(ct).ConfigureAwait(false)).Swarm?.LocalNodeState is { Length: > 0 } state && state != "inactive";

    private static async Task ThrowIfInSwarmAsync(DockerEngine engine, DockerClient client, CancellationToken ct)
    {
        if (await InSwarmAsync(client, ct).ConfigureAwait(false))
        {
            throw new DockerEngineException(ErrorCatalog.AlreadyInSwarm, $"The engine at {engine.Endpoint} is already in a swarm; Exit-DockerSwarm leaves it.");
        }
    }
}
