using DockerPS.Formatting;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker volume prune</c>: removes the volumes no container uses that match the filters, asking for each one, and
/// writes the names it removed and the space that freed. Engines of API 1.42 and later keep named volumes unless -All;
/// older engines (Docker 20.10 is API 1.41) have no anonymous marker and remove every unused volume, -All or not.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerVolume", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerVolumeCommand : DockerPruneCmdlet
{
    /// <summary>Named volumes too, not only anonymous ones (<c>docker volume prune --all</c>, API 1.42 and later).</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    protected override bool TakesUntil => false;

    protected override void ProcessItem() =>
        Prune(Await(ct => VolumeOperations.PruneCandidatesAsync(TargetEngine, PruneFilter, All, ct)), "Remove unused volume",
            v => $"{v.Volume.Name} ({Display.Size(v.Size)})", v => v.Volume.Name, v => v.Size,
            (v, ct) => VolumeOperations.RemoveAsync(TargetEngine, v.Volume.Name, force: false, ct));
}
