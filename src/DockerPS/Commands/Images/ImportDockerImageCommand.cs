using DockerPS.Archive;
using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker load -i FILE</c>: loads the images of an archive <c>docker save</c> (or Save-DockerImage) wrote; with
/// -RootFileSystem, <c>docker import FILE</c>: makes a new image of a root file system tar. Either streams the file to
/// the engine as it is read, and writes the images it made as Get-DockerImage lists them, found by id: a loaded
/// archive's ids come from its own manifest.json, an import's from the engine's answer.
/// </summary>
[Cmdlet(VerbsData.Import, "DockerImage", DefaultParameterSetName = ArchiveSet, SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class ImportDockerImageCommand : DockerCmdlet
{
    private const string ArchiveSet = "Archive";
    private const string RootFileSystemSet = "RootFileSystem";

    private ImageReference? _reference;

    /// <summary>The tar file to read.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Input")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Reads the file as a root file system, as <c>docker import</c> does, rather than as a saved image archive.</summary>
    [Parameter(ParameterSetName = RootFileSystemSet, Mandatory = true)]
    public SwitchParameter RootFileSystem { get; set; }

    /// <summary>The new image's name, <c>repository[:tag]</c> (no tag means latest); none makes an untagged image.</summary>
    [Parameter(ParameterSetName = RootFileSystemSet, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string? Reference { get; set; }

    /// <summary>Dockerfile instructions applied to the new image's configuration, e.g. <c>'CMD ["sh"]'</c>, <c>'ENV A=1'</c>, <c>'LABEL x=y'</c>.</summary>
    [Parameter(ParameterSetName = RootFileSystemSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Change { get; set; }

    /// <summary>The new image's comment.</summary>
    [Parameter(ParameterSetName = RootFileSystemSet)]
    public string? Message { get; set; }

    /// <summary>The new image's platform, <c>os[/arch[/variant]]</c>, e.g. <c>linux/arm64</c>.</summary>
    [Parameter(ParameterSetName = RootFileSystemSet)]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    protected override object? TargetOfItem => Path;

    /// <summary>Checks the image name before any engine call.</summary>
    protected override void BeginProcessing() => _reference = Reference is null ? null : this.ParseReference(Reference, allowDigest: false, stop: true);

    protected override void ProcessItem()
    {
        if (this.FileSystemPath(Path!) is not { } file)
        {
            return;
        }
        try
        {
            if (!File.Exists(file))
            {
                throw new CopyException(ErrorCatalog.LocalPathNotFound, $"The file '{file}' does not exist.", file);
            }
            if (RootFileSystem)
            {
                ImportRootFileSystem(file);
            }
            else
            {
                Load(file);
            }
        }
        catch (DockerPSException e)
        {
            WriteError(ErrorFor(e, file));
        }
    }

    private void Load(string file)
    {
        var archived = ImageArchive.ReadManifest(file);
        if (!ShouldProcess(file, "Load images"))
        {
            return;
        }
        AwaitTransfer($"Loading images from {file}", async (progress, ct) =>
        {
            await ImageOperations.LoadAsync(TargetEngine, file, progress, ct).ConfigureAwait(false);
            return true;
        });
        var rows = Await(ct => ImageOperations.ListAsync(TargetEngine, new FilterSet(), all: false, ct));
        foreach (var image in archived)
        {
            var loaded = rows.Where(r => r.Id == image.Id);
            WriteObject(image.RepoTags.Count == 0 ? loaded.Take(1) : loaded.Where(r => image.RepoTags.Contains(r.Reference)), enumerateCollection: true);
        }
    }

    private void ImportRootFileSystem(string file)
    {
        var name = _reference is null ? null : $"{_reference.Repository}:{_reference.Tag ?? "latest"}";
        if (!ShouldProcess(file, name is null ? "Import root file system as an untagged image" : $"Import root file system as image {name}"))
        {
            return;
        }
        var id = AwaitTransfer($"Importing {file} as a root file system", (progress, ct) =>
            ImageOperations.ImportAsync(TargetEngine, file, _reference, Change ?? [], Message, Platform, progress, ct));
        var rows = Await(ct => ImageOperations.ListAsync(TargetEngine, new FilterSet(), all: false, ct)).Where(r => r.Id == id);
        WriteObject(name is null ? rows.Take(1) : rows.Where(r => r.Reference == name), enumerateCollection: true);
    }
}
