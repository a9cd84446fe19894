namespace DockerPS;

/// <summary>
/// One line a service's task wrote (<c>docker service logs</c>, merged across its tasks and nodes): which task on
/// which node, which stream, the text without its newline.
/// </summary>
public sealed class ServiceLogLine
{
    internal ServiceLogLine(string service, string task, string? node, string stream, string text, DateTime? timestamp, DockerEngine engine)
    {
        Service = service;
        Task = task;
        Node = node;
        Stream = stream;
        Text = text;
        Timestamp = timestamp;
        Engine = engine;
    }

    /// <summary>The service as it was named.</summary>
    public string Service { get; }

    /// <summary>The task, service.slot (service.nodeid for a global service), as <c>docker service logs</c> names it.</summary>
    public string Task { get; }

    /// <summary>The hostname of the node the task ran on.</summary>
    public string? Node { get; }

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Stream { get; }

    public string Text { get; }

    /// <summary>When the engine received the line, if timestamps were asked for.</summary>
    public DateTime? Timestamp { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => Text;
}
