using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// A cmdlet about one compose project on an engine: the project piped from Import-DockerCompose, or read from the
/// compose files its parameters name (the current folder's by default).
/// </summary>
public abstract class ComposeProjectCmdlet : DockerCmdlet, IDynamicParameters
{
    internal const string FileSet = "File";
    internal const string ProjectSet = "Project";

    /// <summary>A project Import-DockerCompose read.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = ProjectSet)]
    public ComposeProject Project { get; set; } = null!;

    /// <summary>Which files make the project and how they are read.</summary>
    public ComposeFileParameters Files { get; } = new();

    public object GetDynamicParameters() => Files;

    protected override object? TargetOfItem => ParameterSetName == ProjectSet ? Project.Name : Files.ProjectName ?? Files.Path?.FirstOrDefault();

    /// <summary>The project to work on: the one piped, else the one the files make.</summary>
    protected ComposeProject LoadProject() =>
        ParameterSetName == ProjectSet ? Project : Files.Load(Files.Path ?? [], SessionState.Path.CurrentFileSystemLocation.ProviderPath);
}
