namespace DockerPS;

/// <summary>One line of what <c>docker rmi</c> reports: a name it untagged, or an image or layer it deleted.</summary>
public sealed class ImageRemoval
{
    internal ImageRemoval(string? untagged, string? deleted, DockerEngine engine)
    {
        Untagged = untagged;
        Deleted = deleted;
        Engine = engine;
    }

    /// <summary>The reference (<c>repository:tag</c> or <c>repository@digest</c>) that was removed, or null.</summary>
    public string? Untagged { get; }

    /// <summary>The id of the image or layer that was deleted, or null.</summary>
    public string? Deleted { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => Untagged is null ? $"Deleted: {Deleted}" : $"Untagged: {Untagged}";
}
