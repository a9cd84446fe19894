namespace DockerPS.Operations;

/// <summary>What to read of a container's log, as <c>docker logs</c> takes it.</summary>
public sealed class LogOptions
{
    /// <summary>Keep reading new lines until the container stops.</summary>
    public bool Follow { get; init; }

    /// <summary>Only this many lines from the end of the log; all when null.</summary>
    public int? Tail { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Ask the engine for each line's timestamp (see <see cref="ContainerLogLine.Timestamp"/>).</summary>
    public bool Timestamps { get; init; }

    public bool Stdout { get; init; } = true;

    public bool Stderr { get; init; } = true;
}
