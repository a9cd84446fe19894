namespace DockerPS;

/// <summary>
/// One line a container process wrote (<c>docker logs</c>, exec and run output): which stream, the text without its
/// newline (and without the engine's timestamp, which is in <see cref="Timestamp"/> when asked for).
/// </summary>
public sealed class ContainerLogLine
{
    public const string StandardOutput = "stdout";
    public const string StandardError = "stderr";

    internal ContainerLogLine(string container, string stream, string text, DateTime? timestamp, DockerEngine engine)
    {
        Container = container;
        Stream = stream;
        Text = text;
        Timestamp = timestamp;
        Engine = engine;
    }

    /// <summary>The container as it was named (name or id).</summary>
    public string Container { get; }

    /// <summary><c>stdout</c> or <c>stderr</c>; everything a container with a TTY writes is <c>stdout</c>.</summary>
    public string Stream { get; }

    public string Text { get; }

    /// <summary>When the engine received the line, if timestamps were asked for.</summary>
    public DateTime? Timestamp { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => Text;
}
