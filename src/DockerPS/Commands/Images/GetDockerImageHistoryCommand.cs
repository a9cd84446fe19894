namespace DockerPS.Commands;

/// <summary><c>docker history</c>: the steps that made each image, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "DockerImageHistory", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ImageHistoryItem))]
public sealed class GetDockerImageHistoryCommand : ImageCmdlet
{
    protected override void ProcessImage(string image) =>
        WriteObject(AwaitOnEachEngine((engine, ct) => ImageOperations.HistoryAsync(engine, image, ct), image), enumerateCollection: true);
}
