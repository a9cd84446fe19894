using DockerPS.Completion;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context export NAME [FILE|-]</c>: the context as the CLI's tar archive (meta.json and its TLS files), which
/// <c>docker context import</c> and Import-DockerContext read; to a file, or with <c>-</c> as bytes down the pipeline.
/// </summary>
[Cmdlet(VerbsData.Export, "DockerContext", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(byte[]))]
public sealed class ExportDockerContextCommand : PSCmdlet
{
    /// <summary>What -Path takes for the pipeline instead of a file, as the CLI takes it for standard output.</summary>
    private const string Pipeline = "-";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The file to write; <c>NAME.dockercontext</c> in the current folder when not given; <c>-</c> writes the bytes to the pipeline.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Overwrites an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var file = Path == Pipeline ? null : this.FileSystemPath(Path ?? $"{Name}.dockercontext");
        if (file is null && Path != Pipeline)
        {
            return;
        }
        if (file is not null && LocalFiles.OutputFileError(file, Force) is { } error)
        {
            WriteError(error);
            return;
        }
        if (!ShouldProcess(Name, file is null ? "Export docker context to the pipeline" : $"Export docker context to {file}"))
        {
            return;
        }
        var archive = new MemoryStream();
        try
        {
            ContextStore.Export(Name, archive);
            if (file is null)
            {
                WriteObject(archive.ToArray(), enumerateCollection: false);
                return;
            }
            File.WriteAllBytes(file, archive.ToArray());
        }
        catch (DockerEngineException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, Name));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            WriteError(DockerCmdlet.ErrorFor(ErrorCatalog.LocalFileError, e, file));
            return;
        }
        this.WriteItem(file);
    }
}
