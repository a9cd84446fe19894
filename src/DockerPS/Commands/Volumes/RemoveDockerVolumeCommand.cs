namespace DockerPS.Commands;

/// <summary>
/// <c>docker volume rm</c>: removes volumes by name (wildcards expanded by listing) or piped objects with a Name.
/// A volume a container uses stays: a VolumeInUse error for it, and the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerVolume", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerVolumeCommand : VolumeCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Removes the volume even when its driver fails to (<c>docker volume rm -f</c>); a volume in use stays all the same.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessVolume(string volume)
    {
        if (ShouldProcess(volume, "Remove volume"))
        {
            Dispatch((engine, ct) => VolumeOperations.RemoveAsync(engine, volume, Force, ct));
        }
    }
}
