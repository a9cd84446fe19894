using System.Globalization;

namespace DockerPS;

/// <summary>
/// One row of <c>docker top</c>: a process in a container as the engine host's <c>ps</c> printed it. The common
/// columns are typed properties when the ps options produced them; every column is in <see cref="Columns"/>.
/// </summary>
public sealed class ContainerProcess
{
    private readonly IReadOnlyList<string> _raw;

    internal ContainerProcess(string container, IList<string> titles, IList<string> row, DockerEngine engine)
    {
        Container = container;
        Engine = engine;
        _raw = row.ToArray();
        Columns = new(titles.Zip(row, KeyValuePair.Create), StringComparer.OrdinalIgnoreCase);
        // The engine refuses ps options without a PID column.
        Pid = Number("PID") ?? 0;
        ParentPid = Number("PPID");
        User = Column("UID", "USER");
        Started = Column("STIME", "START");
        Tty = Column("TTY", "TT");
        Time = Column("TIME");
        Command = Column("CMD", "COMMAND", "ARGS");
    }

    /// <summary>The container as it was named to the cmdlet.</summary>
    public string Container { get; }

    /// <summary>The process id on the engine's host.</summary>
    public int Pid { get; }

    public int? ParentPid { get; }

    /// <summary>UID (<c>ps -ef</c>) or USER (<c>ps aux</c>).</summary>
    public string? User { get; }

    /// <summary>STIME or START, as ps prints it.</summary>
    public string? Started { get; }

    public string? Tty { get; }

    /// <summary>CPU time, as ps prints it.</summary>
    public string? Time { get; }

    /// <summary>CMD, COMMAND or ARGS.</summary>
    public string? Command { get; }

    /// <summary>Every column by its ps title, in ps's order.</summary>
    public ValueMap Columns { get; }

    public DockerEngine Engine { get; }

    /// <summary>The engine's row, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public IReadOnlyList<string> GetRaw() => _raw;

    public override string ToString() => Command ?? Pid.ToString(CultureInfo.InvariantCulture);

    private string? Column(params string[] titles) =>
        titles.Select(t => Columns.GetValueOrDefault(t)).FirstOrDefault(v => v is not null);

    private int? Number(string title) =>
        int.TryParse(Column(title), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
