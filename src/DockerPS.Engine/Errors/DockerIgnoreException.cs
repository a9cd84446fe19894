namespace DockerPS.Errors;

/// <summary>A .dockerignore pattern the docker CLI would refuse too (Go's filepath.Match syntax, or a lone '!').</summary>
public sealed class DockerIgnoreException(string message, string pattern) : FormatException(message)
{
    public string Pattern { get; } = pattern;
}
