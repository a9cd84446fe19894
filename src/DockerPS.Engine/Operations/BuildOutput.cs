using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace DockerPS.Operations;

/// <summary>
/// The text a classic build writes, gathered from the engine's stream chunks (a line may come in several) on the
/// worker thread: whole lines queued for the pipeline thread to write, and the current step with its latest lines
/// kept for the error record of a failure.
/// </summary>
public sealed partial class BuildOutput
{
    /// <summary>How many of a failing step's last lines its error record carries.</summary>
    public const int TailLength = 20;

    /// <summary>How the classic builder announces each step: <c>Step N/M : INSTRUCTION</c>.</summary>
    private const string StepPrefix = "Step ";

    /// <summary>How Podman's builder (buildah) announces a step, <c>STEP N/M: INSTRUCTION</c>: read as the classic builder's.</summary>
    [GeneratedRegex(@"^STEP (\d+/\d+): ", RegexOptions.CultureInvariant)]
    private static partial Regex BuildahStep();

    /// <summary>The classic builder wraps what RUN steps write to stderr in ANSI colour codes; the lines are kept as plain text.</summary>
    [GeneratedRegex(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant)]
    private static partial Regex ColourCode();

    private readonly StringBuilder _partial = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Queue<string> _tail = new();

    /// <summary>The step running or last run, as announced; null before the first.</summary>
    public string? Step { get; private set; }

    /// <summary>The current step's last lines (at most <see cref="TailLength"/>), oldest first.</summary>
    public IReadOnlyList<string> Tail => _tail.ToArray();

    /// <summary>The next whole line not yet taken, for the pipeline thread.</summary>
    public bool TryTake(out string line) => _lines.Reader.TryRead(out line!);

    /// <summary>
    /// Completes once a line is waiting to be taken, so the pipeline thread can write it at once; once the output has
    /// ended and every line is taken, never (nothing more will come).
    /// </summary>
    public Task Arrived() => _lines.Reader.Completion.IsCompleted ? Ended : _lines.Reader.WaitToReadAsync().AsTask();

    private static readonly Task Ended = new TaskCompletionSource().Task;

    /// <summary>Whether a line is a step announcement rather than output.</summary>
    public static bool IsStep(string line) => line.StartsWith(StepPrefix, StringComparison.Ordinal) && line.Contains(" : ", StringComparison.Ordinal);

    internal void Add(string chunk)
    {
        var start = 0;
        for (var newline = chunk.IndexOf('\n'); newline >= 0; start = newline + 1, newline = chunk.IndexOf('\n', start))
        {
            _partial.Append(chunk, start, newline - start);
            Line();
        }
        _partial.Append(chunk, start, chunk.Length - start);
    }

    /// <summary>The end of the stream: a last line without a newline still counts.</summary>
    internal void Complete()
    {
        if (_partial.Length > 0)
        {
            Line();
        }
        _lines.Writer.TryComplete();
    }

    private void Line()
    {
        var line = BuildahStep().Replace(ColourCode().Replace(_partial.ToString(), "").TrimEnd('\r'), StepPrefix + "$1 : ");
        _partial.Clear();
        if (IsStep(line))
        {
            Step = line;
            _tail.Clear();
        }
        else
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLength)
            {
                _tail.Dequeue();
            }
        }
        _lines.Writer.TryWrite(line);
    }
}
