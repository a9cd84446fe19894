using DockerPS.Completion;
using DockerPS.Compose;

namespace DockerPS.Commands;

/// <summary>
/// Which compose files make the project and how they are read: the compose CLI's global options (<c>-f</c>,
/// <c>-p</c>, <c>--project-directory</c>, <c>--profile</c>, <c>--env-file</c>), declared once for every compose cmdlet.
/// </summary>
[ParameterGroup]
public sealed class ComposeFileParameters
{
    /// <summary>The compose files, merged in order (<c>-f</c>).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ComposeProjectCmdlet.FileSet)]
    [Alias("File", "FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The project's name (<c>-p</c>).</summary>
    [Parameter(ParameterSetName = ComposeProjectCmdlet.FileSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ComposeProjectCompleter))]
    public string? ProjectName { get; set; }

    /// <summary>The folder relative paths start from (<c>--project-directory</c>).</summary>
    [Parameter(ParameterSetName = ComposeProjectCmdlet.FileSet)]
    [ValidateNotNullOrEmpty]
    public string? ProjectDirectory { get; set; }

    /// <summary>The profiles to enable (<c>--profile</c>).</summary>
    [Parameter(ParameterSetName = ComposeProjectCmdlet.FileSet)]
    [ValidateNotNullOrEmpty]
    public string[]? Profile { get; set; }

    /// <summary>Environment files to interpolate from (<c>--env-file</c>).</summary>
    [Parameter(ParameterSetName = ComposeProjectCmdlet.FileSet)]
    [ValidateNotNullOrEmpty]
    public string[]? EnvFile { get; set; }

    /// <summary>The project the files make, relative paths taken from <paramref name="location"/>.</summary>
    internal ComposeProject Load(IReadOnlyList<string> files, string location) => ComposeLoader.Load(new ComposeLoadOptions
    {
        Files = files,
        WorkingDirectory = location,
        ProjectDirectory = ProjectDirectory,
        ProjectName = ProjectName,
        Profiles = Profile ?? [],
        EnvFiles = EnvFile ?? [],
    });
}
