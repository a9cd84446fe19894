using DockerPS.Archive;

namespace DockerPS.Build;

/// <summary>
/// The build context the engine's classic builder receives, as a tar stream written while it is uploaded.
/// INTERIM (issue 5 in progress): sends the whole directory; .dockerignore and an outside Dockerfile come next.
/// </summary>
public static class BuildContext
{
    /// <summary>
    /// The archive of <paramref name="directory"/> as <c>docker build</c> sends it. <paramref name="dockerfileName"/> is the
    /// Dockerfile's slash-separated name inside the archive; with <paramref name="dockerfileContent"/> (a Dockerfile from
    /// outside the context or from a string) that content is added under that name, as the docker CLI does.
    /// </summary>
    public static ArchiveSource Scan(string directory, string dockerfileName, ReadOnlyMemory<byte>? dockerfileContent) =>
        ArchiveSource.Scan(new DirectoryInfo(directory), "");
}
