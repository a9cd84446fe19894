using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker network rm</c>: networks named by name (wildcards expanded by listing), id or id prefix, or piped. An
/// unknown one is NetworkNotFound; one with containers attached is NetworkInUse; the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerNetwork", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerNetworkCommand : DockerCmdlet
{
    private const string NameSet = "Name";
    private const string IdSet = "Id";
    public const string NetworkInUse = "NetworkInUse";

    private string? _current;

    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string[]? Name { get; set; }

    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkIdCompleter))]
    public string[]? Id { get; set; }

    protected override object? TargetOfItem => _current;

    protected override void ProcessItem()
    {
        foreach (var network in Networks())
        {
            _current = network;
            if (!ShouldProcess(network, "Remove network"))
            {
                continue;
            }
            try
            {
                Await(ct => NetworkOperations.RemoveAsync(TargetEngine, network, ct));
            }
            catch (DockerEngineException e) when (e.Kind == EngineErrorKind.NotFound)
            {
                WriteNotFound(GetDockerNetworkCommand.NetworkNotFound, "network", network);
            }
            // The engine refuses both a network in use and a built-in one (bridge, host, none) as forbidden; its
            // attached containers tell them apart.
            catch (DockerEngineException e) when (e.Kind == EngineErrorKind.Forbidden)
            {
                if (Await(ct => NetworkOperations.InspectAsync(TargetEngine, network, ct)).Containers!.Count == 0)
                {
                    throw;
                }
                WriteError(new ErrorRecord(e, NetworkInUse, ErrorCategory.ResourceBusy, network));
            }
        }
    }

    /// <summary>The networks this item names: wildcard names expanded by listing, everything else as given.</summary>
    private IEnumerable<string> Networks() => ParameterSetName == IdSet
        ? Id!
        : DockerListCmdlet.ExpandWildcards(Name!, () => Await(ct => NetworkOperations.ListAsync(TargetEngine, new FilterSet(), ct)).Select(n => n.Name));
}
