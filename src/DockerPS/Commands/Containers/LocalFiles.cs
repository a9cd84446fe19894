using System.Management.Automation;
using DockerPS.Archive;
using DockerPS.Errors;

namespace DockerPS.Commands;

/// <summary>Local files for the cmdlets that copy to and from them (Copy-DockerItem, Export-DockerContainer).</summary>
internal static class LocalFiles
{
    public const string NotAFileSystemPath = "NotAFileSystemPath";

    /// <summary>
    /// A local path as the file system provider resolves it from the current location, keeping what docker cp
    /// reads meaning into and the provider drops: a trailing '/' (must be a directory) and a final '/.' (its contents).
    /// Null, with an error written, for paths of other providers.
    /// </summary>
    public static string? FileSystemPath(this PSCmdlet cmdlet, string path)
    {
        var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
        if (provider.Name != "FileSystem")
        {
            cmdlet.WriteError(new ErrorRecord(new ArgumentException($"'{path}' is not a file system path."), NotAFileSystemPath, ErrorCategory.InvalidArgument, path));
            return null;
        }
        if (PosixPath.SpecifiesCurrentDir(path.Replace('\\', '/')) && !PosixPath.SpecifiesCurrentDir(resolved))
        {
            return resolved.TrimEnd('/') + "/.";
        }
        return PosixPath.HasTrailingSeparator(path.Replace('\\', '/')) && !PosixPath.HasTrailingSeparator(resolved) ? resolved + "/" : resolved;
    }

    /// <summary>The local file-system item at a path as PowerShell's Get-Item shows it, for output.</summary>
    public static void WriteItem(this PSCmdlet cmdlet, string path)
    {
        foreach (var item in cmdlet.InvokeProvider.Item.Get([WildcardPattern.Escape(path)], force: true, literalPath: true))
        {
            cmdlet.WriteObject(item);
        }
    }

    /// <summary>A failed copy as an error record: the failure's name is the id, the path at fault the target.</summary>
    public static ErrorRecord ToErrorRecord(this CopyException e)
    {
        var category = e.Failure switch
        {
            CopyFailure.ContainerPathNotFound or CopyFailure.LocalPathNotFound or CopyFailure.DestinationParentNotFound
                or CopyFailure.DestinationDirectoryNotFound => ErrorCategory.ObjectNotFound,
            CopyFailure.DirectoryOntoFile or CopyFailure.FileOntoDirectory => ErrorCategory.ResourceExists,
            CopyFailure.NotADirectory => ErrorCategory.InvalidArgument,
            CopyFailure.InvalidArchive => ErrorCategory.InvalidData,
            _ => ErrorCategory.WriteError,
        };
        return new ErrorRecord(e, e.Failure.ToString(), category, e.Path);
    }
}
