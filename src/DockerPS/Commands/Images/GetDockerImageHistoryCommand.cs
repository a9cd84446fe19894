namespace DockerPS.Commands;

/// <summary>
/// <c>docker history</c>: the steps that made each image, newest first, each step saying which image it is the history
/// of (Image, as it was named). An image named again (Get-DockerImage writes one row per tag) is written once.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerImageHistory", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ImageHistoryItem))]
public sealed class GetDockerImageHistoryCommand : ImageCmdlet
{
    /// <summary>The images written so far, by engine and id.</summary>
    private readonly HashSet<(string Engine, string Id)> _written = [];

    protected override void ProcessImage(string image)
    {
        // The image's own id: the newest step's is not it on Podman, which names a layer after the first image on it.
        var (id, history) = AwaitOnEachEngine(async (engine, ct) =>
            ((await ImageOperations.InspectAsync(engine, image, ct).ConfigureAwait(false)).Id,
             await ImageOperations.HistoryAsync(engine, image, ct).ConfigureAwait(false)), image);
        if (!_written.Add((TargetEngine.Endpoint, id)))
        {
            WriteVerbose($"The history of {image} was written as the history of another of its names.");
            return;
        }
        foreach (var step in history)
        {
            // The step as the engine gave it, with the name it was asked by.
            var item = PSObject.AsPSObject(step);
            item.Properties.Add(new PSNoteProperty("Image", image));
            WriteObject(item);
        }
    }
}
