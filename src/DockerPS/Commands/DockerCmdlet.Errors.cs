namespace DockerPS.Commands;

/// <summary>
/// Failures as error records, one mapping for all: every DockerPS exception carries its code (<see cref="ErrorCatalog"/>),
/// whose id is the record's id and whose kind names its category.
/// </summary>
public abstract partial class DockerCmdlet
{
    /// <summary>A DockerPS failure as an error record; its target is the exception's own (a path, a pattern), else <paramref name="target"/>.</summary>
    protected internal static ErrorRecord ErrorFor(DockerPSException e, object? target) => ErrorFor(e.Code, e, e.Target ?? target);

    /// <summary>An error of the catalogue raised by the cmdlet itself (input it refuses before any engine call).</summary>
    protected internal static ErrorRecord ErrorFor(ErrorCode code, Exception e, object? target) =>
        new(e, code.Id, CategoryOf(code.Kind), target);

    /// <summary>PowerShell's category of the same name as the kind.</summary>
    internal static ErrorCategory CategoryOf(ErrorKind kind) => Enum.Parse<ErrorCategory>(kind.ToString());

    /// <summary>A named object that is not on the engine: the pipeline goes on with the next.</summary>
    protected void WriteNotFound(EngineObjectNoun noun, string name, DockerEngine? engine = null) =>
        WriteError(ErrorFor(noun.NotFound, new ItemNotFoundException($"No {noun} matches '{name}' on engine {(engine ?? TargetEngine).Name}."), name));

    /// <summary>
    /// A failure about one named engine object: the noun's not-found error when the engine does not know the object; a
    /// 404 about something else (a network the container names, a path in it) keeps the engine's own words.
    /// </summary>
    protected void WriteErrorAbout(EngineObjectNoun noun, DockerPSException e, string name, DockerEngine engine)
    {
        if (e.Code == ErrorCatalog.NotFound && !Await(ct => noun.ExistsAsync(engine, name, ct)))
        {
            WriteNotFound(noun, name, engine);
        }
        else
        {
            WriteError(ErrorFor(e, name));
        }
    }
}
