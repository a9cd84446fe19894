using DockerPS.Errors;

namespace DockerPS.Connection;

/// <summary>
/// Chooses the engine endpoint the way the docker CLI does: an explicit context or host, then DOCKER_HOST,
/// then DOCKER_CONTEXT, then <c>currentContext</c> in config.json, then the platform's default socket.
/// (The docker CLI lets DOCKER_HOST win over DOCKER_CONTEXT; so do we.)
/// </summary>
public static class EndpointResolver
{
    public const string HostVariable = "DOCKER_HOST";
    public const string ContextVariable = "DOCKER_CONTEXT";
    public const string ApiVersionVariable = "DOCKER_API_VERSION";
    public const string TlsVerifyVariable = "DOCKER_TLS_VERIFY";

    public static EndpointSpec Resolve(string? explicitContext, string? explicitHost, Func<string, string?> getEnv)
    {
        var apiVersion = PinnedApiVersion(getEnv);
        var (endpoint, source, context) = Choose(explicitContext, explicitHost, getEnv);
        if (endpoint.Scheme == "tcp" && !string.IsNullOrEmpty(getEnv(TlsVerifyVariable)))
        {
            throw new DockerEngineException(EngineErrorKind.NotSupported,
                $"{endpoint} ({source}) asks for TLS ({TlsVerifyVariable} is set); TCP+TLS endpoints are not supported yet.");
        }
        return new EndpointSpec(endpoint, source, context, apiVersion);
    }

    private static (Uri Endpoint, string Source, string Context) Choose(string? explicitContext, string? explicitHost, Func<string, string?> getEnv)
    {
        if (!string.IsNullOrEmpty(explicitContext) && !string.IsNullOrEmpty(explicitHost))
        {
            throw new DockerEngineException(EngineErrorKind.InvalidEndpoint,
                "Specify either a context or a docker host, not both.");
        }
        if (!string.IsNullOrEmpty(explicitHost))
        {
            return (ParseHost(explicitHost, "parameter -DockerHost"), "parameter -DockerHost", EndpointSpec.DefaultContextName);
        }
        if (!string.IsNullOrEmpty(explicitContext))
        {
            return FromContext(explicitContext, "parameter -Context", getEnv);
        }
        if (getEnv(HostVariable) is { Length: > 0 } host)
        {
            return (ParseHost(host, HostVariable), HostVariable, EndpointSpec.DefaultContextName);
        }
        if (getEnv(ContextVariable) is { Length: > 0 } context)
        {
            return FromContext(context, ContextVariable, getEnv);
        }
        var config = DockerCliConfig.FromEnvironment(getEnv);
        if (config.CurrentContext() is { } current)
        {
            return FromContext(current, $"currentContext in {Path.Combine(config.Directory, "config.json")}", getEnv);
        }
        return (EndpointSpec.DefaultEndpoint, "default socket", EndpointSpec.DefaultContextName);
    }

    private static (Uri, string, string) FromContext(string name, string how, Func<string, string?> getEnv)
    {
        if (name == EndpointSpec.DefaultContextName)
        {
            // The CLI's "default" context is DOCKER_HOST when set, else the default socket.
            return getEnv(HostVariable) is { Length: > 0 } host
                ? (ParseHost(host, HostVariable), $"context 'default' ({how}) via {HostVariable}", name)
                : (EndpointSpec.DefaultEndpoint, $"context 'default' ({how})", name);
        }
        var endpoint = DockerCliConfig.FromEnvironment(getEnv).ContextEndpoint(name);
        return (endpoint, $"context '{name}' ({how})", name);
    }

    /// <summary>Parses a docker host address (<c>unix:///path</c>, <c>tcp://host[:port]</c>, <c>ssh://[user@]host[:port]</c>, or <c>host:port</c>).</summary>
    public static Uri ParseHost(string address, string source)
    {
        var text = address.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "tcp://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw Invalid(address, source, "it is not a valid address");
        }
        switch (uri.Scheme)
        {
            case "unix":
                if (uri.AbsolutePath is "" or "/")
                {
                    return EndpointSpec.DefaultEndpoint;
                }
                return new Uri("unix://" + uri.AbsolutePath);
            case "tcp":
                if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/"))
                {
                    throw Invalid(address, source, "expected tcp://host[:port]");
                }
                return new Uri($"tcp://{uri.Host}:{(uri.IsDefaultPort || uri.Port < 0 ? 2375 : uri.Port)}");
            case "ssh":
                // As the docker CLI: no path, no password in the address (ssh asks for it, and so does Connect-DockerHost).
                if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/") || uri.UserInfo.Contains(':'))
                {
                    throw Invalid(address, source, "expected ssh://[user@]host[:port]");
                }
                return new Uri($"ssh://{(uri.UserInfo.Length > 0 ? uri.UserInfo + "@" : "")}{uri.Host}{(uri.Port > 0 ? ":" + uri.Port : "")}");
            case "npipe":
            case "fd":
                throw new DockerEngineException(EngineErrorKind.NotSupported,
                    $"Docker host '{address}' ({source}): {uri.Scheme}:// endpoints are not supported yet.");
            default:
                throw Invalid(address, source, $"unsupported scheme '{uri.Scheme}'");
        }
    }

    private static Version? PinnedApiVersion(Func<string, string?> getEnv)
    {
        var text = getEnv(ApiVersionVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return Version.TryParse(text, out var version) && version.Build < 0
            ? version
            : throw new DockerEngineException(EngineErrorKind.ApiVersionNotSupported,
                $"{ApiVersionVariable}='{text}' is not an API version such as 1.41.");
    }

    private static DockerEngineException Invalid(string address, string source, string why) =>
        new(EngineErrorKind.InvalidEndpoint, $"Docker host '{address}' ({source}) is not valid: {why}.");
}
