namespace DockerPS.Commands;

/// <summary>
/// The loop of every cmdlet that acts on existing engine objects by name (containers, images, networks, volumes): names
/// with PowerShell wildcards expanded by listing, other names, ids and id prefixes as the engine resolves them, or piped
/// objects (anything with a Name or Id; DockerPS objects also bring their engine). Each object is one item: an unknown
/// one is the noun's not-found error for that input, any other failure an error about it, and the pipeline goes on.
/// A noun's base declares the Name (and Id) parameters with their completers; a cmdlet is one override,
/// <see cref="ProcessObject"/>.
/// </summary>
public abstract class EngineObjectCmdlet : DockerCmdlet
{
    protected const string NameSet = "Name";
    protected const string IdSet = "Id";

    private string? _current;

    /// <summary>The kind of object the names name.</summary>
    protected abstract EngineObjectNoun Noun { get; }

    /// <summary>The names, ids or id prefixes this item gives (the noun base's Name or Id parameter); null when none.</summary>
    protected abstract IReadOnlyList<string>? Named { get; }

    /// <summary>Acts on one object, named as the engine resolves it.</summary>
    protected abstract void ProcessObject(string name);

    /// <summary>The objects to act on when none is named (for cmdlets whose Name is optional).</summary>
    protected virtual IEnumerable<string> Unnamed() => [];

    protected override object? TargetOfItem => _current;

    protected sealed override void ProcessItem()
    {
        foreach (var name in Names())
        {
            _current = name;
            try
            {
                ProcessObject(name);
            }
            catch (DockerPSException e)
            {
                WriteErrorAbout(Noun, e, name, TargetEngine);
            }
        }
    }

    /// <summary>
    /// A state change of the current object, run beside the next objects' (up to -ThrottleLimit at once when the cmdlet
    /// is an <see cref="IThrottledCmdlet"/>, as <c>docker rm</c> and <c>docker stop</c> act on many at once): results come
    /// as each call ends, through <paramref name="completed"/>; a failure is an error about the object, as from
    /// <see cref="ProcessObject"/>. <paramref name="call"/> runs off the pipeline thread on the engine it is given.
    /// </summary>
    protected void Dispatch<T>(Func<DockerEngine, CancellationToken, Task<T>> call, Action<T> completed)
    {
        var (name, engine) = (_current!, TargetEngine);
        var started = StartCall(ct => call(engine, ct));
        Dispatch(started, () =>
        {
            try
            {
                completed(Await(started));
            }
            catch (DockerPSException e)
            {
                WriteErrorAbout(Noun, e, name, engine);
            }
        }, this is IThrottledCmdlet throttled ? throttled.Throttle.ThrottleLimit : 1);
    }

    /// <inheritdoc cref="Dispatch{T}"/>
    protected void Dispatch(Func<DockerEngine, CancellationToken, Task> call) => Dispatch(Done(call), _ => { });

    /// <summary>A call that returns nothing as one that returns true once it has ended, for the overloads that take a result.</summary>
    protected static Func<DockerEngine, CancellationToken, Task<bool>> Done(Func<DockerEngine, CancellationToken, Task> call) =>
        async (engine, ct) =>
        {
            await call(engine, ct).ConfigureAwait(false);
            return true;
        };

    /// <summary>The names this item gives: wildcard names expanded by listing (ids never are), everything else as given.</summary>
    private IEnumerable<string> Names() => Named switch
    {
        null => Unnamed(),
        var ids when ParameterSetName == IdSet => ids,
        var names => DockerListCmdlet.ExpandWildcards(names, () => Await(ct => Noun.ListNamesAsync(TargetEngine, ct))),
    };
}
