namespace DockerPS.Connection;

/// <summary>A resolved engine endpoint and where it came from (for error messages).</summary>
/// <param name="Endpoint">The engine address, e.g. <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2375</c>.</param>
/// <param name="Source">How it was chosen, e.g. <c>DOCKER_HOST</c> or <c>context 'prod' (DOCKER_CONTEXT)</c>.</param>
/// <param name="ContextName">The docker context it belongs to; <c>default</c> when none was used.</param>
/// <param name="ApiVersion">A pinned API version (DOCKER_API_VERSION); null to negotiate.</param>
/// <param name="Tls">TLS for a tcp:// endpoint; null for plain HTTP.</param>
/// <param name="Ssh">Explicit SSH options for an <c>ssh://</c> endpoint (Connect-DockerHost); null to use ~/.ssh alone.</param>
public sealed record EndpointSpec(Uri Endpoint, string Source, string ContextName, Version? ApiVersion, TlsSettings? Tls = null, SshSettings? Ssh = null)
{
    public const string DefaultContextName = "default";

    /// <summary>The address as the docker CLI writes it: <c>unix:///path</c>, <c>tcp://host:port</c> (no trailing slash), <c>npipe:////./pipe/NAME</c>.</summary>
    public string Address => Endpoint.Scheme switch
    {
        "unix" => Endpoint.ToString(),
        "npipe" => $"npipe:////./pipe/{PipeName(Endpoint)}",
        _ => Endpoint.GetLeftPart(UriPartial.Authority),
    };

    /// <summary>The pipe name of an <c>npipe://</c> endpoint, which the parser keeps as <c>npipe://./pipe/NAME</c> (Uri would fold <c>//./</c>).</summary>
    public static string PipeName(Uri endpoint) => Uri.UnescapeDataString(endpoint.AbsolutePath[PipePrefix.Length..]);

    internal const string PipePrefix = "/pipe/";

    /// <summary>Where the engine listens when nothing else is configured.</summary>
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");
}
