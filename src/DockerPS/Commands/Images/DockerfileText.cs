namespace DockerPS.Commands;

/// <summary>
/// A Dockerfile given as text (-DockerfileContent). A type of its own rather than string because PowerShell turns any
/// piped object into a string: a piped folder would otherwise bind here instead of to -Path by its FullName. Only
/// strings convert to it (through the constructor).
/// </summary>
public sealed class DockerfileText(string text)
{
    public string Text { get; } = text;

    public override string ToString() => Text;
}
