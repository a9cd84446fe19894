using System.Collections;
using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary><c>docker ps -a</c>, with PowerShell wildcards on names and ids and the engine's own filters.</summary>
[Cmdlet(VerbsCommon.Get, "DockerContainer", DefaultParameterSetName = NameSet)]
[OutputType(typeof(Container))]
public sealed class GetDockerContainerCommand : DockerCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";
    public const string ContainerNotFound = "ContainerNotFound";
    public const string InvalidFilter = "InvalidFilter";

    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerIdCompleter))]
    public string[]? Id { get; set; }

    [Parameter]
    [ValidateSet("created", "restarting", "running", "removing", "paused", "exited", "dead")]
    public string[]? Status { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Label { get; set; }

    [Parameter]
    public Hashtable? Filter { get; set; }

    protected override object? TargetOfItem => (object?)Name ?? Id;

    protected override void ProcessItem()
    {
        var filters = new FilterSet();
        foreach (var status in Status ?? [])
        {
            filters.Add("status", status);
        }
        foreach (var label in Label ?? [])
        {
            filters.Add("label", label);
        }
        AddFilters(filters, Filter);

        IReadOnlyList<Container> containers;
        try
        {
            containers = Await(ct => ContainerOperations.ListAsync(TargetEngine, filters, ct));
        }
        catch (DockerEngineException e) when (e.Kind == EngineErrorKind.InvalidArgument)
        {
            WriteError(ErrorFor(e, Filter, InvalidFilter));
            return;
        }

        var selected = ParameterSetName == IdSet
            ? MatchNames(containers, Id, (c, id) => Like(c.Id, id.TrimEnd('*') + "*"), ContainerNotFound, "container id")
            : MatchNames(containers, Name, (c, name) => Like(c.Name, name.TrimStart('/')), ContainerNotFound, "container");
        foreach (var container in selected)
        {
            WriteObject(container);
        }
    }
}
