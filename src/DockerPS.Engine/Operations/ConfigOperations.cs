using System.Text.Json;
using Docker.DotNet.Models;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// Swarm config calls, to a manager (see <see cref="SwarmOperations"/>). A config is named by its name, id or an id
/// prefix; an unknown one is an <see cref="ErrorCatalog.NotFound"/> failure.
/// </summary>
public static class ConfigOperations
{
    /// <summary>
    /// The configs that match the engine-side filters (id, name, names, label), by name as <c>docker config ls</c> sorts
    /// them, each with its content. Raw, because Docker.DotNet's config list takes no filters.
    /// </summary>
    public static Task<IReadOnlyList<Config>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.SendJsonAsync<IReadOnlyList<Config>>(HttpMethod.Get, filters.Query("configs"), null,
            body => (body.Deserialize<SwarmConfig[]>() ?? []).Select(c => new Config(c, engine))
                .OrderBy(c => c.Name, NaturalOrder.Instance).ToArray(), cancellationToken).OnManager();

    public static Task<Config> InspectAsync(DockerEngine engine, string config, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Config(await client.Configs.InspectConfigAsync(config, ct).ConfigureAwait(false), engine), cancellationToken)
            .OnManager();

    /// <summary>
    /// <c>docker config create</c>: a config of <paramref name="content"/> (the engine takes 1 byte to 1000 KiB), expanded by
    /// <paramref name="templateDriver"/> in each task when given; a name in use is <see cref="ErrorCatalog.ConfigExists"/>.
    /// </summary>
    public static Task<Config> CreateAsync(DockerEngine engine, string name, byte[] content, IDictionary<string, string> labels, string? templateDriver,
        CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            var spec = new SwarmConfigSpec { Name = name, Data = content, Labels = labels, Templating = templateDriver is null ? null : new SwarmDriver { Name = templateDriver } };
            var created = await client.Configs.CreateConfigAsync(new SwarmCreateConfigParameters { Config = spec }, ct).ConfigureAwait(false);
            return new Config(await client.Configs.InspectConfigAsync(created.ID, ct).ConfigureAwait(false), engine);
        }, cancellationToken).Meaning(ErrorCatalog.Conflict, ErrorCatalog.ConfigExists).OnManager();

    /// <summary><c>docker config rm</c>; one a service uses stays (<see cref="ErrorCatalog.ConfigInUse"/>).</summary>
    public static Task RemoveAsync(DockerEngine engine, string config, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Configs.RemoveConfigAsync(config, ct), cancellationToken)
            .Meaning(ErrorCatalog.InvalidArgument, ErrorCatalog.ConfigInUse).OnManager();
}
