namespace DockerPS.Commands;

/// <summary>
/// <c>docker save -o FILE</c>: every image named or piped, collected into one tar archive streamed to a local file.
/// Unknown images are errors of their own and the others are saved; a save that fails or is stopped leaves no file.
/// </summary>
[Cmdlet(VerbsData.Save, "DockerImage", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class SaveDockerImageCommand : ImageCmdlet
{

    private readonly List<string> _images = [];
    private DockerEngine? _engine;
    private string? _file;

    /// <summary>The tar file to write.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Output")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Overwrites an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Checks the file before any engine call: one file for the whole command.</summary>
    protected override void BeginProcessing()
    {
        _file = this.FileSystemPath(Path!);
        if (_file is not null && LocalFiles.OutputFileError(_file, Force) is { } error)
        {
            ThrowTerminatingError(error);
        }
    }

    /// <summary>Collects the image once the engine knows it; the archive is written when all input is in.</summary>
    protected override void ProcessImage(string image)
    {
        if (_file is null)
        {
            return;
        }
        var engine = TargetEngine;
        _engine ??= engine;
        if (engine.Endpoint != _engine.Endpoint)
        {
            WriteError(ErrorFor(ErrorCatalog.ImagesOnSeveralEngines,
                new ArgumentException($"Image {image} is on engine {engine.Name}, the others on {_engine.Name}: one archive comes from one engine."), image));
            return;
        }
        Await(ct => ImageOperations.InspectAsync(engine, image, ct));
        _images.Add(image);
    }

    protected override void EndProcessing()
    {
        if (_file is null || _engine is null || _images.Count == 0)
        {
            return;
        }
        var names = string.Join(", ", _images);
        if (!ShouldProcess(_file, $"Save images {names}"))
        {
            return;
        }
        try
        {
            AwaitTransfer($"Saving images {names} to {_file}", (progress, ct) => ImageOperations.SaveAsync(_engine, _images, _file, Force, progress, ct));
        }
        catch (DockerPSException e)
        {
            WriteError(ErrorFor(e, names));
            return;
        }
        this.WriteItem(_file);
    }
}
