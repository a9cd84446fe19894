using DockerPS.Archive;

namespace DockerPS.Commands;

/// <summary>Local files for the cmdlets that copy to and from them (Copy-DockerItem, Export-DockerContainer).</summary>
internal static class LocalFiles
{
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
            cmdlet.WriteError(DockerCmdlet.ErrorFor(ErrorCatalog.NotAFileSystemPath, new ArgumentException($"'{path}' is not a file system path."), path));
            return null;
        }
        if (PosixPath.SpecifiesCurrentDir(path.Replace('\\', '/')) && !PosixPath.SpecifiesCurrentDir(resolved))
        {
            return resolved.TrimEnd('/') + "/.";
        }
        return PosixPath.HasTrailingSeparator(path.Replace('\\', '/')) && !PosixPath.HasTrailingSeparator(resolved) ? resolved + "/" : resolved;
    }

    /// <summary>
    /// What stops writing a new file at a path, checked before any engine call: a directory there, no directory to
    /// create it in, or a file there without -Force. Null when it can be written.
    /// </summary>
    public static ErrorRecord? OutputFileError(string file, bool force)
    {
        var directory = System.IO.Path.GetDirectoryName(file);
        if (Directory.Exists(file))
        {
            return DockerCmdlet.ErrorFor(new CopyException(ErrorCatalog.FileOntoDirectory, $"'{file}' is a directory; -Path names the file to write.", file), null);
        }
        if (!Directory.Exists(directory))
        {
            return DockerCmdlet.ErrorFor(new CopyException(ErrorCatalog.DestinationParentNotFound, $"The directory '{directory}' does not exist.", file), null);
        }
        return File.Exists(file) && !force
            ? DockerCmdlet.ErrorFor(ErrorCatalog.FileExists, new IOException($"'{file}' exists; use -Force to overwrite it."), file)
            : null;
    }

    /// <summary>The local file-system item at a path as PowerShell's Get-Item shows it, for output.</summary>
    public static void WriteItem(this PSCmdlet cmdlet, string path)
    {
        foreach (var item in cmdlet.InvokeProvider.Item.Get([WildcardPattern.Escape(path)], force: true, literalPath: true))
        {
            cmdlet.WriteObject(item);
        }
    }
}
