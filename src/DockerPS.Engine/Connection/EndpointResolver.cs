using System.Text.RegularExpressions;
using DockerPS.Errors;

namespace DockerPS.Connection;

/// <summary>
/// Chooses the engine endpoint the way the docker CLI does: an explicit context or host, then DOCKER_HOST,
/// then DOCKER_CONTEXT, then <c>currentContext</c> in config.json, then the platform's default socket.
/// (The docker CLI lets DOCKER_HOST win over DOCKER_CONTEXT: its resolveContextName picks the default context when
/// DOCKER_HOST is set, before it looks at DOCKER_CONTEXT; so do we.)
/// </summary>
public static partial class EndpointResolver
{
    public const string HostVariable = "DOCKER_HOST";
    public const string ContextVariable = "DOCKER_CONTEXT";
    public const string ApiVersionVariable = "DOCKER_API_VERSION";
    public const string TlsVerifyVariable = "DOCKER_TLS_VERIFY";
    public const string TlsVariable = "DOCKER_TLS";

    public const string CertPathVariable = "DOCKER_CERT_PATH";

    public static EndpointSpec Resolve(string? explicitContext, string? explicitHost, Func<string, string?> getEnv)
    {
        var apiVersion = PinnedApiVersion(getEnv);
        var (endpoint, source, context, tls) = Choose(explicitContext, explicitHost, getEnv);
        return new EndpointSpec(endpoint, source, context, apiVersion, tls);
    }

    private static (Uri Endpoint, string Source, string Context, TlsSettings? Tls) Choose(string? explicitContext, string? explicitHost, Func<string, string?> getEnv)
    {
        if (!string.IsNullOrEmpty(explicitContext) && !string.IsNullOrEmpty(explicitHost))
        {
            throw new DockerEngineException(ErrorCatalog.InvalidEndpoint,
                "Specify either a context or a docker host, not both.");
        }
        if (!string.IsNullOrEmpty(explicitHost))
        {
            return FromHost(explicitHost, "parameter -DockerHost", EndpointSpec.DefaultContextName, getEnv);
        }
        if (!string.IsNullOrEmpty(explicitContext))
        {
            return FromContext(explicitContext, "parameter -Context", getEnv);
        }
        return CurrentContext(getEnv) switch
        {
            (_, HostVariable) => FromHost(getEnv(HostVariable)!, HostVariable, EndpointSpec.DefaultContextName, getEnv),
            (_, null) => (EndpointSpec.DefaultEndpoint, "default socket", EndpointSpec.DefaultContextName, null),
            var (name, how) => FromContext(name, how, getEnv),
        };
    }

    /// <summary>The context commands use when none is named (what <c>docker context ls</c> marks current).</summary>
    public static string CurrentContextName(Func<string, string?> getEnv) => CurrentContext(getEnv).Name;

    /// <summary>
    /// The docker CLI's resolveContextName without flags: DOCKER_HOST set means the default context (so it wins over
    /// DOCKER_CONTEXT), then DOCKER_CONTEXT, then config.json's currentContext, then default. How is null when nothing chose.
    /// </summary>
    private static (string Name, string? How) CurrentContext(Func<string, string?> getEnv)
    {
        if (getEnv(HostVariable) is { Length: > 0 })
        {
            return (EndpointSpec.DefaultContextName, HostVariable);
        }
        if (getEnv(ContextVariable) is { Length: > 0 } context)
        {
            return (context, ContextVariable);
        }
        var config = DockerCliConfig.FromEnvironment(getEnv);
        return config.CurrentContext() is { } current
            ? (current, $"currentContext in {config.ConfigFile}")
            : (EndpointSpec.DefaultContextName, null);
    }

    private static (Uri, string, string, TlsSettings?) FromContext(string name, string how, Func<string, string?> getEnv)
    {
        if (name == EndpointSpec.DefaultContextName)
        {
            // The CLI's "default" context is DOCKER_HOST (with the DOCKER_TLS_* variables) when set, else the default socket.
            return getEnv(HostVariable) is { Length: > 0 } host
                ? FromHost(host, $"context 'default' ({how}) via {HostVariable}", name, getEnv)
                : (EndpointSpec.DefaultEndpoint, $"context 'default' ({how})", name, null);
        }
        var source = $"context '{name}' ({how})";
        var (endpoint, tls) = DockerCliConfig.FromEnvironment(getEnv).ContextEndpoint(name, source);
        return (endpoint, source, name, tls);
    }

    /// <summary>
    /// A host given directly (-DockerHost, DOCKER_HOST): TLS as the docker CLI decides it, with the files in
    /// DOCKER_CERT_PATH (default: the config directory). DOCKER_TLS_VERIFY (any non-empty value, even 0) turns TLS on and
    /// verifies the engine; DOCKER_TLS (any non-empty value) alone turns TLS on without verifying it. DOCKER_CERT_PATH
    /// alone does not turn TLS on, as in the CLI.
    /// </summary>
    private static (Uri, string, string, TlsSettings?) FromHost(string address, string source, string context, Func<string, string?> getEnv)
    {
        var endpoint = ParseHost(address, source);
        var verify = !string.IsNullOrEmpty(getEnv(TlsVerifyVariable));
        if (endpoint.Scheme != "tcp" || !verify && string.IsNullOrEmpty(getEnv(TlsVariable)))
        {
            return (endpoint, source, context, null);
        }
        var certPath = getEnv(CertPathVariable) is { Length: > 0 } path ? path : DockerCliConfig.FromEnvironment(getEnv).Directory;
        return (endpoint, source, context, TlsSettings.FromCertPath(certPath, verify, $"{source} with {(verify ? TlsVerifyVariable : TlsVariable)}"));
    }

    /// <summary>
    /// Parses a docker host address (<c>unix:///path</c>, <c>tcp://host[:port]</c>, <c>ssh://[user@]host[:port]</c>,
    /// <c>npipe:////./pipe/NAME</c>, or <c>host:port</c>).
    /// </summary>
    public static Uri ParseHost(string address, string source)
    {
        var text = address.Trim();
        if (text.StartsWith(PipeScheme, StringComparison.OrdinalIgnoreCase))
        {
            // Parsed by hand: Uri folds the "/./" of //./pipe/NAME away. Slashes may be backslashes, as in Windows paths.
            return LocalPipe().Match(text[PipeScheme.Length..].Replace('\\', '/')) is { Success: true } pipe
                ? new Uri($"npipe://.{EndpointSpec.PipePrefix}{Uri.EscapeDataString(pipe.Groups[1].Value)}")
                : throw Invalid(address, source, "expected npipe:////./pipe/NAME, a pipe on this machine");
        }
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
                // A path that does not make an address of its own (unix:://x) is refused, not thrown as a UriFormatException.
                return Uri.TryCreate("unix://" + uri.AbsolutePath, UriKind.Absolute, out var socket) ? socket : throw Invalid(address, source, "expected unix:///path");
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
            case "fd":
                throw new DockerEngineException(ErrorCatalog.EndpointNotSupported,
                    $"Docker host '{address}' ({source}): {uri.Scheme}:// endpoints are not supported yet.");
            default:
                throw Invalid(address, source, $"unsupported scheme '{uri.Scheme}'");
        }
    }

    private const string PipeScheme = "npipe://";

    [GeneratedRegex("^//\\./pipe/([^/]+)$")]
    private static partial Regex LocalPipe();

    private static Version? PinnedApiVersion(Func<string, string?> getEnv)
    {
        var text = getEnv(ApiVersionVariable);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return Version.TryParse(text, out var version) && version.Build < 0
            ? version
            : throw new DockerEngineException(ErrorCatalog.ApiVersionNotSupported,
                $"{ApiVersionVariable}='{text}' is not an API version such as 1.41.");
    }

    private static DockerEngineException Invalid(string address, string source, string why) =>
        new(ErrorCatalog.InvalidEndpoint, $"Docker host '{address}' ({source}) is not valid: {why}.");
}
