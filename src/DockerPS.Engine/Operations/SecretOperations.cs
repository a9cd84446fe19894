using System.Text.Json;
using Docker.DotNet.Models;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// Swarm secret calls, to a manager (see <see cref="SwarmOperations"/>). A secret is named by its name, id or an id
/// prefix; an unknown one is an <see cref="ErrorCatalog.NotFound"/> failure. Its value goes to the engine only in the
/// body of the create call, which no log records.
/// </summary>
public static class SecretOperations
{
    /// <summary>
    /// The secrets that match the engine-side filters (id, name, names, label), by name as <c>docker secret ls</c> sorts
    /// them. Raw, because Docker.DotNet's secret list takes no filters.
    /// </summary>
    public static Task<IReadOnlyList<Secret>> ListAsync(DockerEngine engine, FilterSet filters, CancellationToken cancellationToken) =>
        engine.SendJsonAsync<IReadOnlyList<Secret>>(HttpMethod.Get, filters.Query("secrets"), null,
            body => (body.Deserialize<Docker.DotNet.Models.Secret[]>() ?? []).Select(s => new Secret(s, engine))
                .OrderBy(s => s.Name, NaturalOrder.Instance).ToArray(), cancellationToken).OnManager();

    public static Task<Secret> InspectAsync(DockerEngine engine, string secret, CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) => new Secret(await client.Secrets.InspectAsync(secret, ct).ConfigureAwait(false), engine), cancellationToken)
            .OnManager();

    /// <summary>
    /// <c>docker secret create</c>: a secret of <paramref name="value"/> (the engine takes 1 byte to 500 KiB), expanded by
    /// <paramref name="templateDriver"/> in each task when given; a name in use is <see cref="ErrorCatalog.SecretExists"/>.
    /// </summary>
    public static Task<Secret> CreateAsync(DockerEngine engine, string name, byte[] value, IDictionary<string, string> labels, string? templateDriver,
        CancellationToken cancellationToken) =>
        engine.CallAsync(async (client, ct) =>
        {
            var spec = new SwarmSecretSpec { Name = name, Data = value, Labels = labels, Templating = templateDriver is null ? null : new SwarmDriver { Name = templateDriver } };
            var created = await client.Secrets.CreateAsync(spec, ct).ConfigureAwait(false);
            return new Secret(await client.Secrets.InspectAsync(created.ID, ct).ConfigureAwait(false), engine);
        }, cancellationToken).Meaning(ErrorCatalog.Conflict, ErrorCatalog.SecretExists).OnManager();

    /// <summary><c>docker secret rm</c>; one a service uses stays (<see cref="ErrorCatalog.SecretInUse"/>).</summary>
    public static Task RemoveAsync(DockerEngine engine, string secret, CancellationToken cancellationToken) =>
        engine.CallAsync((client, ct) => client.Secrets.DeleteAsync(secret, ct), cancellationToken)
            .Meaning(ErrorCatalog.InvalidArgument, ErrorCatalog.SecretInUse).OnManager();
}
