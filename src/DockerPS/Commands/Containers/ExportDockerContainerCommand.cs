namespace DockerPS.Commands;

/// <summary><c>docker export -o FILE</c>: a container's file system as a tar archive, streamed to a local file.</summary>
[Cmdlet(VerbsData.Export, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDockerContainerCommand : ContainerCmdlet
{
    /// <summary>The tar file to write.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Output")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Overwrites an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (this.FileSystemPath(Path!) is not { } file)
        {
            return;
        }
        if (LocalFiles.OutputFileError(file, Force) is { } error)
        {
            WriteError(error);
            return;
        }
        if (!ShouldProcess(file, $"Export container {container}"))
        {
            return;
        }
        AwaitTransfer($"Exporting container {container} to {file}", (progress, ct) => ContainerCopyOperations.ExportAsync(TargetEngine, container, file, Force, progress, ct));
        this.WriteItem(file);
    }
}
