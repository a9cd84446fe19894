namespace DockerPS.Errors;

/// <summary>
/// What kind of failure an error is. The names are PowerShell's ErrorCategory names, which this layer cannot reference:
/// the cmdlet layer turns a kind into the category of the same name (a unit test checks that every kind has one).
/// </summary>
public enum ErrorKind
{
    ObjectNotFound,
    ResourceExists,
    ResourceBusy,
    ResourceUnavailable,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidResult,
    ConnectionError,
    OperationTimeout,
    OperationStopped,
    AuthenticationError,
    PermissionDenied,
    SecurityError,
    NotImplemented,
    ProtocolError,
    WriteError,
}
