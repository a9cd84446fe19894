using System.Management.Automation;
using DockerPS.Errors;

namespace DockerPS.Commands;

/// <summary>Failures as error records.</summary>
public abstract partial class DockerCmdlet
{
    /// <summary>An engine failure as an error record: a stable id and a specific category per kind.</summary>
    protected internal static ErrorRecord ErrorFor(DockerEngineException e, object? target, string? errorId = null)
    {
        var (id, category) = e.Kind switch
        {
            EngineErrorKind.Unreachable => ("EngineUnreachable", ErrorCategory.ConnectionError),
            EngineErrorKind.Timeout => ("EngineTimeout", ErrorCategory.OperationTimeout),
            EngineErrorKind.InvalidEndpoint => ("InvalidEndpoint", ErrorCategory.InvalidArgument),
            EngineErrorKind.ContextNotFound => ("ContextNotFound", ErrorCategory.ObjectNotFound),
            EngineErrorKind.NotSupported => ("EndpointNotSupported", ErrorCategory.NotImplemented),
            EngineErrorKind.ApiVersionNotSupported => ("ApiVersionNotSupported", ErrorCategory.ProtocolError),
            EngineErrorKind.TlsRequired => ("EngineRequiresTls", ErrorCategory.ProtocolError),
            EngineErrorKind.TlsServerNotTrusted => ("TlsServerNotTrusted", ErrorCategory.SecurityError),
            EngineErrorKind.TlsClientCertificateRejected => ("TlsClientCertificateRejected", ErrorCategory.AuthenticationError),
            EngineErrorKind.TlsCertificateNotFound => ("TlsCertificateNotFound", ErrorCategory.ObjectNotFound),
            EngineErrorKind.NotFound => ("NotFound", ErrorCategory.ObjectNotFound),
            EngineErrorKind.Conflict => ("Conflict", ErrorCategory.ResourceExists),
            EngineErrorKind.InvalidArgument => ("InvalidArgument", ErrorCategory.InvalidArgument),
            EngineErrorKind.Unauthorized => ("Unauthorized", ErrorCategory.AuthenticationError),
            EngineErrorKind.Forbidden => ("Forbidden", ErrorCategory.PermissionDenied),
            EngineErrorKind.Untrusted => ("Untrusted", ErrorCategory.SecurityError),
            _ => ("EngineError", ErrorCategory.InvalidOperation),
        };
        return new ErrorRecord(e, errorId ?? e.ErrorId ?? id, category, target);
    }

    /// <summary>A named thing that is not on the engine: the pipeline goes on with the next.</summary>
    protected void WriteNotFound(string errorId, string what, string name, DockerEngine? engine = null) =>
        WriteError(new ErrorRecord(
            new ItemNotFoundException($"No {what} matches '{name}' on engine {(engine ?? TargetEngine).Name}."),
            errorId, ErrorCategory.ObjectNotFound, name));
}
