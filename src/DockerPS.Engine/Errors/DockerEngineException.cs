using System.Net;

namespace DockerPS.Errors;

/// <summary>What went wrong, in terms a cmdlet can turn into an error id and category.</summary>
public enum EngineErrorKind
{
    Unreachable,
    Timeout,
    NotFound,
    Conflict,
    InvalidArgument,
    Unauthorized,
    Forbidden,
    ServerError,
    InvalidEndpoint,
    ContextNotFound,
    NotSupported,
    ApiVersionNotSupported,
    /// <summary>Plain HTTP sent to an engine that only speaks TLS.</summary>
    TlsRequired,
    /// <summary>The engine's certificate does not verify against the trusted CA (or does not name the host).</summary>
    TlsServerNotTrusted,
    /// <summary>The engine refused the client certificate, or wanted one and got none.</summary>
    TlsClientCertificateRejected,
    /// <summary>A TLS file (ca.pem, cert.pem, key.pem) is missing or unreadable.</summary>
    TlsCertificateNotFound,
    /// <summary>The remote host could not be trusted (an SSH host key unknown, changed or revoked).</summary>
    Untrusted,
}

/// <summary>
/// The one exception type the engine layer throws. Docker.DotNet and transport exceptions never cross into
/// the cmdlet assembly: their types live in the module's private load context.
/// </summary>
public sealed class DockerEngineException : Exception
{
    public DockerEngineException(EngineErrorKind kind, string message, Exception? inner = null, HttpStatusCode? statusCode = null, string? errorId = null)
        : base(message, inner)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorId = errorId;
    }

    public EngineErrorKind Kind { get; }

    /// <summary>A more specific error id than the kind's (e.g. <c>SshHostKeyChanged</c>), or null.</summary>
    public string? ErrorId { get; }

    public HttpStatusCode? StatusCode { get; }
}
