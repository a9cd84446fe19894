namespace DockerPS.Commands;

/// <summary>
/// A kind of named engine object as the cmdlets that take names see it: what to call it in messages, the error for
/// one the engine does not know, the names wildcards are matched against, and how to ask whether one exists. Adding a
/// noun is one instance here.
/// </summary>
public sealed class EngineObjectNoun(string name, ErrorCode notFound,
    Func<DockerEngine, CancellationToken, Task<IEnumerable<string>>> listNames,
    Func<DockerEngine, string, CancellationToken, Task> inspect)
{
    public static readonly EngineObjectNoun Container = new("container", ErrorCatalog.ContainerNotFound,
        async (engine, ct) => (await ContainerOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(c => c.Name),
        (engine, name, ct) => ContainerOperations.InspectAsync(engine, name, ct));

    /// <summary>Images by reference: wildcards match tagged images' references.</summary>
    public static readonly EngineObjectNoun Image = new("image", ErrorCatalog.ImageNotFound,
        async (engine, ct) => (await ImageOperations.ListAsync(engine, new FilterSet(), all: false, ct).ConfigureAwait(false))
            .Where(i => i.Repository != DockerPS.Image.None).Select(i => i.Reference),
        (engine, name, ct) => ImageOperations.InspectAsync(engine, name, ct));

    public static readonly EngineObjectNoun Network = new("network", ErrorCatalog.NetworkNotFound,
        async (engine, ct) => (await NetworkOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(n => n.Name),
        (engine, name, ct) => NetworkOperations.InspectAsync(engine, name, ct));

    public static readonly EngineObjectNoun Volume = new("volume", ErrorCatalog.VolumeNotFound,
        async (engine, ct) => (await VolumeOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(v => v.Name),
        (engine, name, ct) => VolumeOperations.InspectAsync(engine, name, ct));

    /// <summary>Swarm nodes by hostname.</summary>
    public static readonly EngineObjectNoun Node = new("node", ErrorCatalog.NodeNotFound,
        async (engine, ct) => (await NodeOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(n => n.Hostname),
        (engine, name, ct) => NodeOperations.InspectAsync(engine, name, ct));

    /// <summary>Swarm services by name.</summary>
    public static readonly EngineObjectNoun Service = new("service", ErrorCatalog.ServiceNotFound,
        async (engine, ct) => (await ServiceOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(s => s.Name),
        (engine, name, ct) => ServiceOperations.InspectAsync(engine, name, ct));

    public static readonly EngineObjectNoun Secret = new("secret", ErrorCatalog.SecretNotFound,
        async (engine, ct) => (await SecretOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(s => s.Name),
        (engine, name, ct) => SecretOperations.InspectAsync(engine, name, ct));

    public static readonly EngineObjectNoun Config = new("config", ErrorCatalog.ConfigNotFound,
        async (engine, ct) => (await ConfigOperations.ListAsync(engine, new FilterSet(), ct).ConfigureAwait(false)).Select(c => c.Name),
        (engine, name, ct) => ConfigOperations.InspectAsync(engine, name, ct));

    /// <summary>The noun in messages: "container".</summary>
    public string Name { get; } = name;

    /// <summary>The error for a name the engine does not know.</summary>
    public ErrorCode NotFound { get; } = notFound;

    /// <summary>Every object's name on an engine, to expand wildcards against.</summary>
    public Task<IEnumerable<string>> ListNamesAsync(DockerEngine engine, CancellationToken cancellationToken) => listNames(engine, cancellationToken);

    /// <summary>Whether the engine knows the object by this name, id or id prefix.</summary>
    public async Task<bool> ExistsAsync(DockerEngine engine, string name, CancellationToken cancellationToken)
    {
        try
        {
            await inspect(engine, name, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerEngineException e) when (e.Code.Kind == ErrorKind.ObjectNotFound)
        {
            return false;
        }
    }

    public override string ToString() => Name;
}
