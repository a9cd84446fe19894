using DockerPS.Formatting;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker image prune</c>: removes the dangling images (-All: every image) that no container uses and no other
/// image is built on, and that match the filters, asking for each one; writes what it removed and the space that
/// freed. The candidates are listed first and removed one by one, so only images that were shown (with -WhatIf) or
/// confirmed are removed.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "DockerImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(PruneResult))]
public sealed class ClearDockerImageCommand : DockerPruneCmdlet
{
    /// <summary>Removes every unused image, not only dangling (untagged) ones, as <c>docker image prune -a</c>.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    // The space freed is counted as the images' sizes: layers an image shares with images that stay are counted too.
    protected override void ProcessItem() =>
        Prune(Await(ct => ImageOperations.PruneCandidatesAsync(TargetEngine, PruneFilter, All, ct)), All ? "Remove unused image" : "Remove dangling image",
            i => i.Repository == Image.None ? Display.ShortId(i.Id) : $"{string.Join(", ", i.RepoTags.DefaultIfEmpty(i.Reference))} ({Display.ShortId(i.Id)})",
            i => i.Id, i => i.Size, (i, ct) => ImageOperations.RemoveUnusedAsync(TargetEngine, i, ct));
}
