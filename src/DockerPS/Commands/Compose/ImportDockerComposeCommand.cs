using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker compose config</c>: reads compose files into a typed project, interpolated, merged, extended and with
/// the active profiles' services, as the compose CLI reads them. No engine is called.
/// </summary>
[Cmdlet(VerbsData.Import, "DockerCompose", DefaultParameterSetName = ComposeProjectCmdlet.FileSet)]
[OutputType(typeof(ComposeProject))]
public sealed class ImportDockerComposeCommand : PSCmdlet, IDynamicParameters
{
    /// <summary>Which files make the project and how they are read.</summary>
    public ComposeFileParameters Files { get; } = new();

    public object GetDynamicParameters() => Files;

    private readonly List<string> _paths = [];

    // Files piped one by one make one project, as -f given several times does.
    protected override void ProcessRecord() => _paths.AddRange(Files.Path ?? []);

    protected override void EndProcessing()
    {
        var location = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        try
        {
            WriteObject(Files.Load(_paths, location));
        }
        catch (ComposeException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, _paths.Count > 0 ? string.Join(", ", _paths) : location));
        }
    }
}
