using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker compose config</c>: reads compose files into a typed project, interpolated, merged, extended and with
/// the active profiles' services, as the compose CLI reads them. No engine is called.
/// </summary>
[Cmdlet(VerbsData.Import, "DockerCompose")]
[OutputType(typeof(ComposeProject))]
public sealed class ImportDockerComposeCommand : PSCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("File", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter]
    [Alias("p")]
    [ValidateNotNullOrEmpty]
    public string? ProjectName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProjectDirectory { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Profile { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EnvFile { get; set; }

    private readonly List<string> _files = [];

    // Files piped one by one make one project, as -f given several times does.
    protected override void ProcessRecord() => _files.AddRange(Path ?? []);

    protected override void EndProcessing()
    {
        var location = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        try
        {
            WriteObject(ComposeLoader.Load(new ComposeLoadOptions
            {
                Files = _files,
                WorkingDirectory = location,
                ProjectDirectory = ProjectDirectory,
                ProjectName = ProjectName,
                Profiles = Profile ?? [],
                EnvFiles = EnvFile ?? [],
            }));
        }
        catch (ComposeException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, _files.Count > 0 ? string.Join(", ", _files) : location));
        }
    }
}
