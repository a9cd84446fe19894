namespace DockerPS;

/// <summary>
/// The base of every exception DockerPS raises for a failure it can name: each carries its error code (id and kind), so
/// one mapping turns any of them into an error record. The target is the input the failure is about, when the
/// exception knows it better than the item being processed (a path, a pattern).
/// </summary>
public abstract class DockerPSException(Errors.ErrorCode code, string message, Exception? inner = null, object? target = null)
    : Exception(message, inner)
{
    public Errors.ErrorCode Code { get; } = code;

    public object? Target { get; } = target;
}
