using System.Net;
using DockerPS.Errors;

namespace DockerPS;

/// <summary>
/// A failure of an engine call, of reaching an engine, or of the engine configuration (endpoints, contexts, TLS and SSH
/// material). Docker.DotNet and transport exceptions never cross into the cmdlet assembly: they become this, with the
/// code the failure has for the call that met it.
/// </summary>
public sealed class DockerEngineException(ErrorCode code, string message, Exception? inner = null, HttpStatusCode? statusCode = null, object? target = null)
    : DockerPSException(code, message, inner, target)
{
    /// <summary>The engine's HTTP status, when the engine answered with an error.</summary>
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>The same failure under a more specific code, e.g. what a 409 means for the endpoint that answered it.</summary>
    public DockerEngineException As(ErrorCode code) => new(code, Message, InnerException, StatusCode, Target);
}
