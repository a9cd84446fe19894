namespace DockerPS;

/// <summary>
/// A copy between a container and the local file system, or a local archive, that cannot be done, in <c>docker cp</c>'s
/// terms (the code says why: ContainerPathNotFound, LocalPathNotFound, DestinationParentNotFound,
/// DestinationDirectoryNotFound, NotADirectory, DirectoryOntoFile, FileOntoDirectory, LocalFileError, InvalidArchive);
/// <see cref="Path"/> is the path at fault, and the error's target.
/// </summary>
public sealed class CopyException(Errors.ErrorCode code, string message, string path, Exception? inner = null)
    : DockerPSException(code, message, inner, path)
{
    public string Path { get; } = path;
}
