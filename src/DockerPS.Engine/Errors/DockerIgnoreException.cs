using DockerPS.Errors;

namespace DockerPS;

/// <summary>
/// A .dockerignore pattern the docker CLI would refuse too (Go's filepath.Match syntax, or a lone '!'); the target is the
/// .dockerignore file, once known.
/// </summary>
public sealed class DockerIgnoreException(string message, string pattern, string? file = null)
    : DockerPSException(ErrorCatalog.InvalidDockerIgnore, message, target: file)
{
    public string Pattern { get; } = pattern;
}
