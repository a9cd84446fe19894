using DockerPS.Archive;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>What a copy's destination is before the copy.</summary>
public enum PathKind
{
    Missing,

    /// <summary>Anything but a directory: a regular file, a link, a device.</summary>
    File,

    Directory,
}

/// <summary>
/// How a copy is carried out: the archive of the source is extracted into <see cref="ExtractTo"/> (an existing
/// directory), with the source's top entry named <see cref="ArchiveRoot"/> instead of <see cref="SourceBase"/>;
/// the copy then is <see cref="Result"/>.
/// </summary>
public sealed record CopyPlan(string ExtractTo, string SourceBase, string ArchiveRoot, string Result);

/// <summary>
/// The docker CLI's copy rules (<c>docker cp</c>, from its <c>PrepareArchiveCopy</c>), a pure function of the
/// source and destination paths as typed and what each is. Paths use '/' separators; a trailing '/' asserts a
/// directory, and a source ending in '/.' means the directory's contents rather than the directory.
/// </summary>
public static class CopyRules
{
    public static CopyPlan Plan(string source, bool sourceIsDirectory, string destination, PathKind destinationKind)
    {
        var (_, sourceBase) = PosixPath.SplitEntry(source);
        var (destinationDir, destinationBase) = PosixPath.SplitEntry(destination);
        var cleanDestination = PosixPath.Clean(destination);
        switch (destinationKind)
        {
            case PathKind.Directory:
                // Extracted as it is into the directory: a copy of the source (or, for 'SRC/.', of its contents).
                return new CopyPlan(cleanDestination, sourceBase, sourceBase,
                    sourceBase == "." ? cleanDestination : PosixPath.Join(cleanDestination, sourceBase));
            case PathKind.File when sourceIsDirectory:
                throw new CopyException(ErrorCatalog.DirectoryOntoFile,
                    $"Cannot copy the directory '{source}' onto the file '{destination}'.", destination);
            case PathKind.Missing when !sourceIsDirectory && PosixPath.AssertsDirectory(destination):
                throw new CopyException(ErrorCatalog.DestinationDirectoryNotFound,
                    $"The destination directory '{destination}' does not exist; a file is not copied into a directory that does not exist.", destination);
            default:
                // Replaces the file, or creates the destination: extracted into its parent, renamed to its name.
                return new CopyPlan(destinationDir, sourceBase, destinationBase, cleanDestination);
        }
    }
}
