namespace DockerPS.Parsing;

/// <summary>
/// One side of <c>docker cp</c>: <c>CONTAINER:PATH</c>, or a local path. As the CLI reads it, an absolute path is
/// local, and so is anything without a ':' or starting with '.' (write <c>./a:b</c> for a local file named <c>a:b</c>).
/// </summary>
public sealed record CopyArgument(string? Container, string Path)
{
    public static CopyArgument Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (text.StartsWith('/') || System.IO.Path.IsPathFullyQualified(text) || colon < 0 || text.StartsWith('.'))
        {
            return new CopyArgument(null, text);
        }
        return new CopyArgument(text[..colon], text[(colon + 1)..]);
    }
}
