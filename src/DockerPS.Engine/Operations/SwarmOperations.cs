using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Security;
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

    /// <summary>
    /// <c>docker swarm update</c>, <c>docker swarm join-token --rotate</c> and <c>docker swarm unlock-key --rotate</c>: the
    /// swarm's spec as it is now, with <paramref name="update"/>'s changes, written against the version read (a swarm
    /// changed in between is refused, "update out of sequence", as with the docker CLI).
    /// </summary>
    /// <remarks>
    /// Raw calls: Docker.DotNet sends the rotation flags with lower-case names, which the engine does not read.
    /// </remarks>
    public static async Task UpdateAsync(DockerEngine engine, SwarmUpdate update, CancellationToken cancellationToken)
    {
        var swarm = await engine.SendJsonAsync(HttpMethod.Get, "swarm", null, body => JsonNode.Parse(body.GetRawText())!.AsObject(), cancellationToken)
            .OnManager().ConfigureAwait(false);
        var spec = swarm["Spec"] as JsonObject ?? [];
        update.ApplyTo(spec);
        await engine.SendAsync(HttpMethod.Post, "swarm/update?" + update.Query(swarm["Version"]?["Index"]?.GetValue<ulong>() ?? 0), JsonContent.Create(spec),
            (_, _) => Task.FromResult(true), cancellationToken).OnManager().ConfigureAwait(false);
    }

    /// <summary>
    /// <c>docker swarm unlock-key</c>: the key a locked manager of the swarm is unlocked with. A swarm without autolock
    /// has none: <see cref="ErrorCatalog.NoUnlockKey"/>.
    /// </summary>
    public static Task<string> UnlockKeyAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
            (await client.Swarm.GetSwarmUnlockKeyAsync(ct).ConfigureAwait(false)).UnlockKey is { Length: > 0 } key
                ? key
                : throw new DockerEngineException(ErrorCatalog.NoUnlockKey, $"The swarm of the engine at {engine.Endpoint} has no unlock key: autolock is off (Set-DockerSwarm -Autolock $true turns it on)."),
            cancellationToken).OnManager();

    /// <summary>
    /// <c>docker swarm unlock</c>: a manager that restarted locked (autolock) takes up its part again. The key is made
    /// plain text only for the request body, which the engine-call log never records. A key that is not the swarm's is
    /// <see cref="ErrorCatalog.InvalidUnlockKey"/>, an engine that is not locked <see cref="ErrorCatalog.SwarmNotLocked"/>.
    /// </summary>
    public static async Task UnlockAsync(DockerEngine engine, SecureString key, CancellationToken cancellationToken)
    {
        try
        {
            await engine.CallAsync((client, ct) => client.Swarm.UnlockSwarmAsync(new SwarmUnlockParameters { UnlockKey = new NetworkCredential(string.Empty, key).Password }, ct),
                cancellationToken).OnManager().ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            throw e.As(ErrorCatalog.SwarmNotLocked);
        }
        // A key of the wrong shape is a 400 ("invalid key string"), a well-formed key of another swarm a 401.
        catch (DockerEngineException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            throw e.As(ErrorCatalog.InvalidUnlockKey);
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
