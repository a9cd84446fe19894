using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// What cmdlets that act on existing containers share: containers named by name, id or id prefix (as the engine
/// resolves them), names with PowerShell wildcards (expanded by listing), or piped objects (anything with a Name
/// or Id; DockerPS objects also bring their engine). Each container is one item: an unknown one is a
/// ContainerNotFound error for that input and the pipeline goes on.
/// </summary>
public abstract class ContainerCmdlet : DockerCmdlet
{
    protected const string NameSet = "Name";
    protected const string IdSet = "Id";
    public const string ContainerNotFound = "ContainerNotFound";

    private string? _current;

    /// <summary>Container names (wildcards allowed), ids or id prefixes. A cmdlet that acts on some containers when none is
    /// named overrides it without Mandatory, and <see cref="Unnamed"/>.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public virtual string[]? Name { get; set; }

    /// <summary>Container ids or unique id prefixes.</summary>
    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[]? Id { get; set; }

    protected override object? TargetOfItem => _current;

    /// <summary>Acts on one container, named as the engine resolves it.</summary>
    protected abstract void ProcessContainer(string container);

    /// <summary>The containers to act on when -Name is optional and none was named.</summary>
    protected virtual IEnumerable<string> Unnamed() => [];

    protected sealed override void ProcessItem()
    {
        foreach (var container in Containers())
        {
            _current = container;
            try
            {
                ProcessContainer(container);
            }
            catch (DockerEngineException e)
            {
                WriteContainerError(e, container, TargetEngine);
            }
        }
    }

    /// <summary>
    /// A failure for one container: ContainerNotFound when the engine does not know it. A 404 about something else
    /// (a network gone since the container was created, a path in it) keeps the engine's own words.
    /// </summary>
    protected void WriteContainerError(DockerEngineException e, string container, DockerEngine engine)
    {
        if (e.Kind == EngineErrorKind.NotFound && !Exists(container, engine))
        {
            WriteNotFound(ContainerNotFound, "container", container, engine);
        }
        else
        {
            WriteError(ErrorFor(e, container));
        }
    }

    private bool Exists(string container, DockerEngine engine)
    {
        try
        {
            Await(ct => ContainerOperations.InspectAsync(engine, container, ct));
            return true;
        }
        catch (DockerEngineException e) when (e.Kind == EngineErrorKind.NotFound)
        {
            return false;
        }
    }

    /// <summary>The containers this item names: wildcard names expanded by listing, everything else as given.</summary>
    private IEnumerable<string> Containers()
    {
        if (ParameterSetName == IdSet)
        {
            return Id!;
        }
        if (Name is null)
        {
            return Unnamed();
        }
        return DockerListCmdlet.ExpandWildcards(Name, () => Await(ct => ContainerOperations.ListAsync(TargetEngine, new FilterSet(), ct)).Select(c => c.Name));
    }

    /// <summary>The container as it is now, for -PassThru.</summary>
    protected void WriteDetail(string container) =>
        WriteObject(Await(ct => ContainerOperations.InspectAsync(TargetEngine, container, ct)));
}
