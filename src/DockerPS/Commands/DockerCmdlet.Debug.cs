using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// -Debug: each engine call this cmdlet makes (method, path, status, time; see <see cref="EngineCallLog"/>), written
/// from the pipeline thread as the waits for them end.
/// </summary>
public abstract partial class DockerCmdlet
{
    private EngineCallLog? _callLog;
    private bool _callLogChosen;

    /// <summary>
    /// Calls started until the scope ends record into this cmdlet's log when debug output is on, else into none (a
    /// cmdlet running inside another's pipeline, from its WriteObject, does not record into the other's), and are held
    /// to this cmdlet's engine timeout.
    /// </summary>
    private CallScope Calls()
    {
        if (!_callLogChosen)
        {
            _callLogChosen = true;
            _callLog = DebugWanted() ? new EngineCallLog() : null;
        }
        return new CallScope(EngineCallLog.Use(_callLog), EngineTimeout.Use(ChosenEngineTimeout()));
    }

    private readonly struct CallScope(EngineCallLog.Scope log, EngineTimeout.Scope timeout) : IDisposable
    {
        public void Dispose()
        {
            timeout.Dispose();
            log.Dispose();
        }
    }

    /// <summary>-Debug given (and not as -Debug:$false), else $DebugPreference set to show debug output.</summary>
    private bool DebugWanted() => MyInvocation.BoundParameters.ContainsKey("Debug")
        ? Switch("Debug")
        : LanguagePrimitives.ConvertTo<ActionPreference>(GetVariableValue("DebugPreference", ActionPreference.SilentlyContinue))
            is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);

    /// <summary>
    /// A verbose line, or with -Debug but no -Verbose a debug line: PowerShell then asks before each verbose line of a
    /// compiled cmdlet (its verbose preference becomes Inquire), which would stop every -Debug run at the first one.
    /// </summary>
    protected new void WriteVerbose(string text)
    {
        if (!MyInvocation.BoundParameters.ContainsKey("Verbose") && Switch("Debug"))
        {
            WriteDebug(text);
        }
        else
        {
            base.WriteVerbose(text);
        }
    }

    private bool Switch(string name) => MyInvocation.BoundParameters.TryGetValue(name, out var value) && ((SwitchParameter)value).IsPresent;

    /// <summary>Writes the calls recorded since the last time.</summary>
    private void WriteCalls()
    {
        while (_callLog is not null && _callLog.TryTake(out var line))
        {
            WriteDebug(line);
        }
    }
}
