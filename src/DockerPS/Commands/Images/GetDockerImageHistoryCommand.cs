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
        var history = AwaitOnEachEngine((engine, ct) => ImageOperations.HistoryAsync(engine, image, ct), image);
        // The newest step's image is the image itself.
        if (history.Count > 0 && history[0].Id is { } id && !_written.Add((TargetEngine.Endpoint, id)))
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
