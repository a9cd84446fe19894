using System.Text;
using DockerPS.Archive;

namespace DockerPS.Build;

/// <summary>
/// The build context the engine's classic builder receives, as a tar stream written while it is uploaded: the
/// directory as <c>DOCKER_BUILDKIT=0 docker build</c> archives it, with its .dockerignore applied (see
/// <see cref="DockerIgnore"/>), entries owned by uid/gid 0, links archived as links.
/// </summary>
public static class BuildContext
{
    private const string IgnoreFileName = ".dockerignore";

    /// <summary>Mode of the files the docker CLI adds to a context itself.</summary>
    private const UnixFileMode AddedFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The archive of <paramref name="directory"/> as <c>docker build</c> sends it. <paramref name="dockerfileName"/> is the
    /// Dockerfile's slash-separated name inside the archive; with <paramref name="dockerfileContent"/> (a Dockerfile from
    /// outside the context or from a string) that content is added under that name, as the docker CLI does.
    /// </summary>
    /// <exception cref="DockerIgnoreException">The .dockerignore has a pattern the CLI refuses.</exception>
    /// <exception cref="CopyException">A local file or directory cannot be read.</exception>
    public static ArchiveSource Scan(string directory, string dockerfileName, ReadOnlyMemory<byte>? dockerfileContent)
    {
        var ignoreFile = Path.Join(directory, IgnoreFileName);
        var ignoreContent = File.Exists(ignoreFile) ? LocalFile.OnDisk(ignoreFile, () => File.ReadAllBytes(ignoreFile)) : null;
        var patterns = ignoreContent is null ? [] : DockerIgnore.ReadAll(ignoreContent).ToList();
        // Always sent, as the CLI does it: an exception for each when the rules exclude it. The engine reads the
        // .dockerignore itself and removes both from the context when it matches them.
        DockerIgnore rules;
        try
        {
            rules = new DockerIgnore(patterns);
        }
        catch (DockerIgnoreException e)
        {
            throw new DockerIgnoreException(e.Message, e.Pattern, ignoreFile);
        }
        var alwaysSent = dockerfileContent is null ? [IgnoreFileName, dockerfileName] : new[] { IgnoreFileName };
        patterns.AddRange(alwaysSent.Where(rules.Excludes).Select(name => "!" + name));
        var source = ArchiveSource.Scan(new DirectoryInfo(directory), "", new DockerIgnore(patterns).Filter());
        if (dockerfileContent is not { } content)
        {
            return source;
        }
        // The added Dockerfile is named in the archive's .dockerignore, so the engine removes it before COPY . sees it.
        var ignore = (ignoreContent ?? Encoding.UTF8.GetBytes(IgnoreFileName)).Concat(Encoding.UTF8.GetBytes($"\n{dockerfileName}\n")).ToArray();
        return source.WithFile(dockerfileName, content.ToArray(), AddedFileMode).WithFile(IgnoreFileName, ignore, AddedFileMode);
    }
}
