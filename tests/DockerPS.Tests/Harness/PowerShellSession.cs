using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace DockerPS.Tests.Harness;

/// <summary>What one script produced, stream by stream.</summary>
public sealed record RunResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<WarningRecord> Warnings,
    IReadOnlyList<VerboseRecord> Verbose,
    IReadOnlyList<InformationRecord> Information,
    IReadOnlyList<ProgressRecord> Progress,
    string HostText,
    IReadOnlyList<DebugRecord> Debug)
{
    public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId);

    /// <summary>Errors as their id and message, for assertions that should show what went wrong.</summary>
    public static IEnumerable<string> Described(IEnumerable<ErrorRecord> errors) => errors.Select(e => $"{e.FullyQualifiedErrorId}: {e}");

    /// <summary>Output objects' base objects, cast.</summary>
    public IEnumerable<T> Objects<T>() => Output.Select(o => (T)o.BaseObject);

    /// <summary>A property of each output object, read through PowerShell's adapter (works across load contexts).</summary>
    public IEnumerable<object?> Property(string name) => Output.Select(o => o.Properties[name]?.Value);
}

/// <summary>
/// A runspace of the real PowerShell engine with DockerPS imported from out/DockerPS, as a user gets it.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;
    private readonly TextHost _host = new();

    public PowerShellSession(bool importModule = true)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(_host, state);
        _runspace.Open();
        if (importModule)
        {
            var import = Run($"Import-Module '{TestEnvironment.ModuleManifest}' -ErrorAction Stop");
            ImportResult = import;
        }
    }

    /// <summary>Answers -Confirm questions by their message (ShouldProcess's choices: 0 yes, 2 no); null: none are answered.</summary>
    public Func<string, int>? Answer { get => _host.Answer; set => _host.Answer = value; }

    /// <summary>Fills in the fields PowerShell prompts for (mandatory parameters left out); null: none are filled in.</summary>
    public Func<System.Management.Automation.Host.FieldDescription, object>? Fill { get => _host.Fill; set => _host.Fill = value; }

    /// <summary>What Import-Module produced (warnings, errors).</summary>
    public RunResult? ImportResult { get; }

    /// <summary>Runs PowerShell text; terminating errors come back as an ErrorRecord in <see cref="RunResult.Errors"/>.</summary>
    public RunResult Run(string script, IDictionary? variables = null, Action<PowerShell>? whileRunning = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables is not null)
        {
            foreach (DictionaryEntry variable in variables)
            {
                _runspace.SessionStateProxy.SetVariable((string)variable.Key, variable.Value);
            }
        }
        ps.AddScript(script);
        var output = new List<PSObject>();
        var errors = new List<ErrorRecord>();
        try
        {
            if (whileRunning is null)
            {
                output.AddRange(ps.Invoke());
            }
            else
            {
                var outputBuffer = new PSDataCollection<PSObject>();
                var pending = ps.BeginInvoke<PSObject, PSObject>(null, outputBuffer);
                whileRunning(ps);
                ps.EndInvoke(pending);
                output.AddRange(outputBuffer);
            }
        }
        catch (RuntimeException e)
        {
            // Keep the exception itself, not the ParentContainsErrorRecordException placeholder PowerShell leaves there.
            errors.Add(new ErrorRecord(e.ErrorRecord, e));
        }
        errors.InsertRange(0, ps.Streams.Error);
        return new RunResult(output, errors, ps.Streams.Warning.ToList(), ps.Streams.Verbose.ToList(),
            ps.Streams.Information.ToList(), ps.Streams.Progress.Concat(_host.TakeProgress()).ToList(), _host.TakeText(), ps.Streams.Debug.ToList());
    }

    public void Dispose() => _runspace.Dispose();
}
