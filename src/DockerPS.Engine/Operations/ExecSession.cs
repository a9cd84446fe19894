using DockerPS.Transport;

namespace DockerPS.Operations;

/// <summary>A started exec process's connection (see <see cref="OutputSession"/>) and the exec instance's id.</summary>
public sealed class ExecSession : OutputSession
{
    internal ExecSession(DockerEngine engine, string container, string id, HijackedStream stream, bool tty)
        : base(engine, container, stream, tty, $"exec/{id}/resize")
    {
        Id = id;
    }

    /// <summary>The exec instance's id, for <see cref="ExecOperations.InspectAsync"/> (its exit code once the output has ended).</summary>
    public string Id { get; }
}
