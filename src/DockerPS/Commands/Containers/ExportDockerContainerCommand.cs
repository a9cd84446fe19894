using System.Management.Automation;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary><c>docker export -o FILE</c>: a container's file system as a tar archive, streamed to a local file.</summary>
[Cmdlet(VerbsData.Export, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportDockerContainerCommand : ContainerCmdlet
{
    public const string FileExists = "FileExists";

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
        var failure = Directory.Exists(file)
            ? new CopyException(CopyFailure.FileOntoDirectory, $"'{file}' is a directory; -Path names the file to write.", file)
            : !Directory.Exists(System.IO.Path.GetDirectoryName(file))
                ? new CopyException(CopyFailure.DestinationParentNotFound, $"The directory '{System.IO.Path.GetDirectoryName(file)}' does not exist.", file)
                : null;
        if (failure is not null)
        {
            WriteError(failure.ToErrorRecord());
            return;
        }
        if (File.Exists(file) && !Force)
        {
            WriteError(new ErrorRecord(new IOException($"'{file}' exists; use -Force to overwrite it."), FileExists, ErrorCategory.ResourceExists, file));
            return;
        }
        if (!ShouldProcess(file, $"Export container {container}"))
        {
            return;
        }
        try
        {
            AwaitTransfer($"Exporting container {container} to {file}", (progress, ct) => ContainerCopyOperations.ExportAsync(TargetEngine, container, file, Force, progress, ct));
        }
        catch (CopyException e)
        {
            WriteError(e.ToErrorRecord());
            return;
        }
        this.WriteItem(file);
    }
}
