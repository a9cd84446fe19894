using System.Net.Http.Json;
using Docker.DotNet.Models;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// Network calls. A network is named by anything the engine resolves: a name, a full id or an id prefix; an unknown
/// one is an <see cref="Errors.ErrorCatalog.NotFound"/> failure.
/// </summary>
public static class NetworkOperations
{
    /// <summary>The networks that match the engine-side filters, without their containers (the engine's list leaves them out).</summary>
    public static Task<IReadOnlyList<Network>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.CallAsync<IReadOnlyList<Network>>(async (client, ct) =>
        {
            var list = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filters.ToEngine() }, ct).ConfigureAwait(false);
            return list.Select(n => new Network(n, inspected: false, engine)).ToArray();
        }, cancellationToken);

    /// <summary>The network with its attached containers.</summary>
    public static Task<Network> InspectAsync(DockerEngine engine, string network, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
            new Network(await client.Networks.InspectNetworkAsync(network, ct).ConfigureAwait(false), inspected: true, engine), cancellationToken);

    /// <summary>Inspects several at once, in the order given; see <see cref="DockerEngine.InspectEachAsync{T}"/>.</summary>
    public static Task<IReadOnlyList<Network>> InspectManyAsync(DockerEngine engine, IReadOnlyList<string> networks, CancellationToken cancellationToken) =>
        engine.InspectEachAsync(networks, InspectAsync, cancellationToken);

    /// <summary>Creates the network and returns its id; a name in use is a Conflict failure.</summary>
    public static Task<string> CreateAsync(DockerEngine engine, NetworkCreateSpec spec, CancellationToken cancellationToken) =>
        engine.SendJsonAsync(HttpMethod.Post, "networks/create", JsonContent.Create(spec.ToBody()), body => body.GetProperty("Id").GetString()!, cancellationToken)
            .Meaning(ErrorCatalog.Conflict, ErrorCatalog.NetworkExists);

    /// <summary>Removes the network; one with containers attached is NetworkInUse.</summary>
    public static async Task RemoveAsync(DockerEngine engine, string network, CancellationToken cancellationToken)
    {
        try
        {
            await engine.CallAsync((client, ct) => client.Networks.DeleteNetworkAsync(network, ct), cancellationToken).ConfigureAwait(false);
        }
        // The engine refuses both a network in use and a built-in one (bridge, host, none) as forbidden; its attached
        // containers tell them apart.
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.Forbidden)
        {
            if ((await InspectAsync(engine, network, cancellationToken).ConfigureAwait(false)).Containers!.Count == 0)
            {
                throw;
            }
            throw e.As(ErrorCatalog.NetworkInUse);
        }
    }

    /// <summary>Attaches the container to the network, with extra DNS aliases and a static IPv4 address if given.</summary>
    public static Task ConnectAsync(DockerEngine engine, string network, string container, IReadOnlyList<string> aliases, string? ipv4Address, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters
        {
            Container = container,
            EndpointConfig = new EndpointSettings
            {
                Aliases = [.. aliases],
                IPAMConfig = ipv4Address is null ? null : new EndpointIPAMConfig { IPv4Address = ipv4Address },
            },
        }, ct), cancellationToken);

    /// <summary>Detaches the container from the network; <paramref name="force"/> also when the container is not running as the engine expects.</summary>
    public static Task DisconnectAsync(DockerEngine engine, string network, string container, bool force, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = container, Force = force }, ct), cancellationToken);

    /// <summary>
    /// The networks a prune would remove: user-defined (not bridge, host or none), matching the filter, and with no
    /// containers attached, which takes an inspect of each candidate.
    /// </summary>
    public static async Task<IReadOnlyList<Network>> PruneCandidatesAsync(DockerEngine engine, PruneFilter filter, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(engine, filter.LabelFilters().Add("type", "custom"), cancellationToken).ConfigureAwait(false);
        var candidates = listed.Where(n => filter.Matches(n.Created.ToUniversalTime(), n.Labels)).Select(n => n.Id).ToArray();
        return (await InspectManyAsync(engine, candidates, cancellationToken).ConfigureAwait(false)).Where(n => n.Containers!.Count == 0).ToArray();
    }
}
