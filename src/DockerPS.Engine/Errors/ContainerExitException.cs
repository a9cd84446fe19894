using DockerPS.Errors;

namespace DockerPS;

/// <summary>
/// A process in a container (exec or run) ended with a non-zero exit code. The kind follows what shells mean by the
/// code: 126 cannot run, 127 not found, 128+n ended by signal n.
/// </summary>
public sealed class ContainerExitException(ErrorCode code, string message, int exitCode, IReadOnlyList<string> outputTail)
    : DockerPSException(code with { Kind = KindOf(exitCode) }, message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The last lines the process wrote (stdout and stderr), oldest first.</summary>
    public IReadOnlyList<string> OutputTail { get; } = outputTail;

    private static ErrorKind KindOf(int exitCode) => exitCode switch
    {
        126 => ErrorKind.PermissionDenied,
        127 => ErrorKind.ObjectNotFound,
        > 128 and <= 128 + 64 => ErrorKind.OperationStopped,
        _ => ErrorKind.InvalidResult,
    };
}
