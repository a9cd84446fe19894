using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context import NAME FILE|-</c>: a context exported by <c>docker context export</c> or Export-DockerContext
/// (a tar, or a zip), under a new name, from a file, standard input (<c>-</c>) or bytes piped in.
/// </summary>
[Cmdlet(VerbsData.Import, "DockerContext", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
[OutputType(typeof(DockerContext))]
public sealed class ImportDockerContextCommand : PSCmdlet
{
    private const string PathSet = "Path";
    private const string BytesSet = "Bytes";

    /// <summary>What -Path takes for standard input, as the CLI does.</summary>
    private const string StandardInput = "-";

    private readonly MemoryStream _piped = new();

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The exported archive; <c>-</c> reads it from standard input.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The archive's bytes, piped in whole (<c>Get-Content -AsByteStream -Raw</c>, Export-DockerContext -) or byte by byte.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = BytesSet)]
    public byte[] InputObject { get; set; } = [];

    protected override void ProcessRecord()
    {
        if (ParameterSetName == BytesSet)
        {
            _piped.Write(InputObject);
            return;
        }
        if (Path == StandardInput)
        {
            using var input = Console.OpenStandardInput();
            Import(input, "standard input");
            return;
        }
        if (this.FileSystemPath(Path) is not { } file)
        {
            return;
        }
        if (!File.Exists(file))
        {
            WriteError(DockerCmdlet.ErrorFor(ErrorCatalog.LocalPathNotFound, new ItemNotFoundException($"Cannot find the file '{file}'."), Path));
            return;
        }
        using var stream = File.OpenRead(file);
        Import(stream, file);
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == BytesSet)
        {
            _piped.Position = 0;
            Import(_piped, "the pipeline");
        }
    }

    private void Import(Stream archive, string source)
    {
        if (!ShouldProcess(Name, $"Import docker context from {source}"))
        {
            return;
        }
        try
        {
            WriteObject(ContextStore.Import(Name, archive));
        }
        catch (DockerEngineException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, Name));
        }
    }
}
