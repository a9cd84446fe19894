using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace DockerPS.Connection;

/// <summary>
/// Engine calls as lines for -Debug: a cmdlet that wants them makes a log and starts its calls inside
/// <see cref="Use"/>; each call then records its line here from whatever thread finishes it (work a call goes on to
/// start records here too), and the cmdlet takes the lines on its own thread. A call started outside every log's scope
/// records nothing, so no line piles up where nobody reads it.
/// </summary>
public sealed class EngineCallLog
{
    private static readonly AsyncLocal<EngineCallLog?> Current = new();

    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The log of the calls started here, if any.</summary>
    internal static EngineCallLog? Active => Current.Value;

    /// <summary>Calls started until the scope is disposed record into <paramref name="log"/>; null: into none.</summary>
    public static Scope Use(EngineCallLog? log)
    {
        var previous = Current.Value;
        if (!ReferenceEquals(previous, log))
        {
            Current.Value = log;
        }
        return new Scope(previous, log);
    }

    /// <summary>The oldest line not yet taken.</summary>
    public bool TryTake([NotNullWhen(true)] out string? line) => _lines.TryDequeue(out line);

    internal void Add(string line) => _lines.Enqueue(line);

    /// <summary>Puts back the log that was in use before <see cref="Use"/>.</summary>
    public readonly struct Scope(EngineCallLog? previous, EngineCallLog? used) : IDisposable
    {
        public void Dispose()
        {
            if (!ReferenceEquals(previous, used))
            {
                Current.Value = previous;
            }
        }
    }
}
