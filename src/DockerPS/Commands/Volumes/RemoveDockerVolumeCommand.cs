using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker volume rm</c>: removes volumes by name (wildcards expanded by listing) or piped objects with a Name.
/// A volume a container uses stays: a VolumeInUse error for it, and the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerVolume", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerVolumeCommand : DockerCmdlet
{
    private const string NameSet = "Name";
    public const string VolumeInUse = "VolumeInUse";

    private string? _current;

    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Removes the volume even when its driver fails to (<c>docker volume rm -f</c>); a volume in use stays all the same.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override object? TargetOfItem => _current;

    protected override void ProcessItem()
    {
        foreach (var volume in DockerListCmdlet.ExpandWildcards(Name, () => Await(ct => VolumeOperations.ListAsync(TargetEngine, new FilterSet(), ct)).Select(v => v.Name)))
        {
            _current = volume;
            if (!ShouldProcess(volume, "Remove volume"))
            {
                continue;
            }
            try
            {
                Await(ct => VolumeOperations.RemoveAsync(TargetEngine, volume, Force, ct));
            }
            catch (DockerEngineException e) when (e.Kind == EngineErrorKind.NotFound)
            {
                WriteNotFound(GetDockerVolumeCommand.VolumeNotFound, "volume", volume);
            }
            catch (DockerEngineException e) when (e.Kind == EngineErrorKind.Conflict)
            {
                WriteError(new ErrorRecord(e, VolumeInUse, ErrorCategory.ResourceBusy, volume));
            }
        }
    }
}
