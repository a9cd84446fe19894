namespace DockerPS.Errors;

/// <summary>A compose file that cannot be read: missing, not valid, or naming a variable that must be set.</summary>
public sealed class ComposeException(ErrorCode code, string message, Exception? inner = null)
    : DockerPSException(code, message, inner);
