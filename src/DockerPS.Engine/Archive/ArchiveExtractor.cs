using System.Formats.Tar;
using System.Runtime.InteropServices;
using DockerPS.Errors;

namespace DockerPS.Archive;

/// <summary>
/// Where a copy's archive goes (<c>docker cp</c>'s rebasing): its top entry <see cref="From"/> (a name, or '.' or '/'
/// for an archive of a directory's contents or of the root) is extracted as <see cref="To"/>, and everything under it
/// under that name.
/// </summary>
public sealed record ArchiveRename(string From, string To)
{
    /// <summary>
    /// An entry's name after renaming, relative and clean ('.' for the destination itself); null for an entry that is
    /// neither the top entry nor under it, which is none of the copy's (a malicious engine's archive may hold any name).
    /// </summary>
    public string? Apply(string name)
    {
        var entry = PosixPath.Clean(name.TrimStart('/'));
        var top = PosixPath.Clean(From.TrimStart('/'));
        var rest = top == "." ? entry
            : entry == top ? "."
            : entry.StartsWith(top + "/", StringComparison.Ordinal) ? entry[(top.Length + 1)..]
            : null;
        return rest is null || rest == ".." || rest.StartsWith("../", StringComparison.Ordinal) ? null : PosixPath.Join(To, rest);
    }
}

/// <summary>What an extraction left out: entries of kinds it does not create (devices, FIFOs).</summary>
public sealed record ArchiveExtraction(int Entries, IReadOnlyList<string> Skipped);

/// <summary>
/// Extracts a tar stream as it arrives, as <c>docker cp</c> does on the local side: modes, modification times,
/// symbolic and hard links as archived, no change of owner; a directory is never replaced by a non-directory
/// nor the other way round; parents missing in the archive are created. Names that would land outside the
/// copy (the top entry, renamed, and what is under it), or through a link (one the archive made or one already
/// there), are refused, whatever the archive holds: a copy writes nothing beside its destination.
/// </summary>
public static partial class ArchiveExtractor
{
    public static async Task<ArchiveExtraction> ExtractAsync(Stream archive, string directory, ArchiveRename rename,
        TransferProgress progress, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        var directories = new List<(string Path, UnixFileMode Mode, DateTimeOffset Time)>();
        var skipped = new List<string>();
        var entries = 0;
        try
        {
            await using var reader = new TarReader(archive, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }
                entries++;
                var name = Relative(entry.Name, rename);
                var path = Inside(root, name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Prepare(path, isDirectory: true);
                        LocalFile.OnDisk(path, () => Directory.CreateDirectory(path));
                        directories.Add((path, entry.Mode, entry.ModificationTime));
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Prepare(path, isDirectory: false);
                        await using (var file = LocalFile.Create(path, FileMode.CreateNew))
                        {
                            await LocalFile.CopyAsync(entry.DataStream ?? Stream.Null, file, progress, cancellationToken).ConfigureAwait(false);
                            if (file.Position != entry.Length)
                            {
                                throw new EndOfStreamException($"'{entry.Name}' has {file.Position} of its {entry.Length} bytes.");
                            }
                        }
                        LocalFile.OnDisk(path, () => Finish(path, entry.Mode, entry.ModificationTime));
                        break;
                    case TarEntryType.SymbolicLink:
                        Prepare(path, isDirectory: false);
                        LocalFile.OnDisk(path, () =>
                        {
                            File.CreateSymbolicLink(path, entry.LinkName);
                            SetLinkTime(path, entry.ModificationTime);
                        });
                        break;
                    case TarEntryType.HardLink:
                        var target = Inside(root, Relative(entry.LinkName, rename));
                        Prepare(path, isDirectory: false);
                        LocalFile.OnDisk(path, () => HardLink(target, path));
                        break;
                    default:
                        skipped.Add(name);
                        break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            // What TarReader throws for a header it cannot read or an archive that ends inside an entry.
            throw new CopyException(ErrorCatalog.InvalidArchive, $"The archive cannot be read: {e.Message}", directory, e);
        }
        // Last, deepest first: creating entries inside a directory changes its time, and a read-only mode would stop them.
        for (var i = directories.Count - 1; i >= 0; i--)
        {
            var (path, mode, time) = directories[i];
            LocalFile.OnDisk(path, () =>
            {
                SetMode(path, mode);
                Directory.SetLastWriteTimeUtc(path, time.UtcDateTime);
            });
        }
        return new ArchiveExtraction(entries, skipped);
    }

    /// <summary>An entry's name after renaming, relative and clean; a name outside the copy is refused.</summary>
    private static string Relative(string name, ArchiveRename rename) => rename.Apply(name)
        ?? throw new CopyException(ErrorCatalog.InvalidArchive, $"The archive entry '{name}' is outside the copied '{rename.From}'.", name);

    /// <summary>
    /// The local path of an entry, refusing names that leave the destination or pass through a link (one the archive
    /// made, or one already there: a link is written as itself, never through).
    /// </summary>
    private static string Inside(string root, string name)
    {
        if (name == ".." || name.StartsWith("../", StringComparison.Ordinal))
        {
            throw new CopyException(ErrorCatalog.InvalidArchive, $"The archive entry '{name}' would be written outside '{root}'.", name);
        }
        var path = name == "." ? root : Path.Join(root, name);
        for (var parent = Path.GetDirectoryName(path); parent is not null && parent.Length > root.Length; parent = Path.GetDirectoryName(parent))
        {
            if (ArchiveSource.Lstat(parent) is { LinkTarget: not null })
            {
                throw new CopyException(ErrorCatalog.InvalidArchive, $"The archive entry '{name}' would be written through the link '{parent}'.", name);
            }
        }
        return path;
    }

    /// <summary>Clears the way for an entry: an existing non-directory is replaced, an existing directory only by a directory.</summary>
    private static void Prepare(string path, bool isDirectory)
    {
        var existing = ArchiveSource.Lstat(path);
        var existingIsDirectory = existing is DirectoryInfo { LinkTarget: null };
        if (existing is null)
        {
            var parent = Path.GetDirectoryName(path)!;
            LocalFile.OnDisk(parent, () => Directory.CreateDirectory(parent));
        }
        else if (existingIsDirectory && !isDirectory)
        {
            throw new CopyException(ErrorCatalog.FileOntoDirectory, $"Cannot overwrite the directory '{path}' with a non-directory.", path);
        }
        else if (!existingIsDirectory && isDirectory)
        {
            throw new CopyException(ErrorCatalog.DirectoryOntoFile, $"Cannot overwrite the non-directory '{path}' with a directory.", path);
        }
        else if (!existingIsDirectory)
        {
            LocalFile.OnDisk(path, () => File.Delete(path));
        }
    }

    private static void Finish(string path, UnixFileMode mode, DateTimeOffset time)
    {
        SetMode(path, mode);
        File.SetLastWriteTimeUtc(path, time.UtcDateTime);
    }

    /// <summary>Windows has no Unix modes to set.</summary>
    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static void HardLink(string target, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Copy(target, path);
        }
        else if (Link(target, path) != 0)
        {
            throw new IOException($"Cannot link '{path}' to '{target}' (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string target, string path);

    /// <summary>
    /// A link's own modification time, as docker cp keeps it. Not File.SetLastWriteTimeUtc: whether that follows
    /// the link depends on the .NET version PowerShell runs on, and a link's target may not be extracted yet.
    /// </summary>
    private static void SetLinkTime(string path, DateTimeOffset time)
    {
        var (currentDirectory, noFollow) = OperatingSystem.IsLinux() ? (-100, 0x100) : OperatingSystem.IsMacOS() ? (-2, 0x20) : (0, 0);
        if (noFollow == 0)
        {
            return;
        }
        var seconds = time.ToUnixTimeSeconds();
        var nanoseconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - seconds * TimeSpan.TicksPerSecond) * 100;
        TimeSpec[] times = [new(seconds, nanoseconds), new(seconds, nanoseconds)];
        if (UTimensAt(currentDirectory, path, times, noFollow) != 0)
        {
            throw new IOException($"Cannot set the time of '{path}' (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UTimensAt(int directory, string path, [In] TimeSpec[] times, int flags);
}
