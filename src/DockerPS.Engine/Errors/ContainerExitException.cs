namespace DockerPS;

/// <summary>A process in a container (exec or run) ended with a non-zero exit code.</summary>
public sealed class ContainerExitException : Exception
{
    public ContainerExitException(string message, int exitCode, IReadOnlyList<string> outputTail)
        : base(message)
    {
        ExitCode = exitCode;
        OutputTail = outputTail;
    }

    public int ExitCode { get; }

    /// <summary>The last lines the process wrote (stdout and stderr), oldest first.</summary>
    public IReadOnlyList<string> OutputTail { get; }
}
