using DockerPS.Errors;

namespace DockerPS;

/// <summary>
/// A build the engine ran failed: at which step, what that step wrote last, and the exit code of a failed RUN. Its code
/// is BuildFailed, or what the failure before the first step means (a remote context that is not an archive:
/// InvalidBuildContext).
/// </summary>
public sealed class BuildException(string message, string? step, IReadOnlyList<string> outputTail, int? exitCode, ErrorCode? code = null)
    : DockerPSException(code ?? ErrorCatalog.BuildFailed, message)
{
    /// <summary>The step that failed, as the engine announced it (<c>Step 3/5 : RUN make</c>); null when it failed before the first.</summary>
    public string? Step { get; } = step;

    /// <summary>The last lines the failing step wrote, oldest first.</summary>
    public IReadOnlyList<string> OutputTail { get; } = outputTail;

    /// <summary>The exit code of the failed RUN command; null when the step failed otherwise (a missing COPY source, a pull).</summary>
    public int? ExitCode { get; } = exitCode;
}
