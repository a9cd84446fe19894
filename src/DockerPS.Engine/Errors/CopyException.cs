namespace DockerPS.Errors;

/// <summary>Why a copy between a container and the local file system cannot be done, in <c>docker cp</c>'s terms.</summary>
public enum CopyFailure
{
    /// <summary>The source path does not exist in the container.</summary>
    ContainerPathNotFound,

    /// <summary>The local source path does not exist.</summary>
    LocalPathNotFound,

    /// <summary>The directory the destination would be created in does not exist (docker cp creates no parents).</summary>
    DestinationParentNotFound,

    /// <summary>The destination ends with a separator, asserting a directory that does not exist, and the source is a file.</summary>
    DestinationDirectoryNotFound,

    /// <summary>A path ending with a separator, or a parent in a path, is not a directory.</summary>
    NotADirectory,

    /// <summary>A directory would replace an existing file.</summary>
    DirectoryOntoFile,

    /// <summary>A file (or link) would replace an existing directory.</summary>
    FileOntoDirectory,

    /// <summary>Reading or writing a local file failed.</summary>
    LocalFileError,

    /// <summary>The archive holds an entry that cannot be extracted (a name outside the destination, a link out of it).</summary>
    InvalidArchive,
}

/// <summary>A copy that cannot be done for a reason named by <see cref="Failure"/>; <see cref="Path"/> is the path at fault.</summary>
public sealed class CopyException(CopyFailure failure, string message, string path, Exception? inner = null) : Exception(message, inner)
{
    public CopyFailure Failure { get; } = failure;

    public string Path { get; } = path;
}
