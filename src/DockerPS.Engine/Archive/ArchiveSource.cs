using System.Formats.Tar;
using DockerPS.Errors;

namespace DockerPS.Archive;

/// <summary>What a scan does with an item it meets.</summary>
public enum ArchiveChoice
{
    /// <summary>Archive it (and, for a directory, walk into it).</summary>
    Include,

    /// <summary>Leave it out, but walk into a directory: something below it may still be archived.</summary>
    Omit,

    /// <summary>Leave it and, for a directory, everything below it out, without reading the directory.</summary>
    Prune,
}

/// <summary>
/// Local files to send as a tar stream: a file, directory or symbolic link (links are archived as links, never
/// followed) and everything under a directory, named in the archive from a chosen top name down. Scanning reads
/// only metadata; <see cref="WriteAsync"/> streams each file's content into the archive as it goes, so an archive
/// is never held in memory or in a temporary file. Small generated files can be added from memory (<see cref="WithFile"/>).
/// </summary>
public sealed class ArchiveSource
{
    /// <summary>Large enough that a network or pipe write is never smaller than this, except at the end.</summary>
    internal const int BufferSize = 256 * 1024;

    private readonly IReadOnlyList<Item> _items;

    private ArchiveSource(IReadOnlyList<Item> items)
    {
        _items = items;
        TotalBytes = items.Sum(i => i.Content?.Length ?? (i.Info is FileInfo { LinkTarget: null } file ? file.Length : 0));
    }

    /// <summary>Bytes of file content the archive will carry.</summary>
    public long TotalBytes { get; }

    /// <summary>
    /// The item <c>docker cp</c> copies for a local path: the path itself (a link as a link), or, when the path
    /// ends with '/' or '/.', the directory it names (links followed).
    /// </summary>
    public static FileSystemInfo Locate(string localPath)
    {
        var item = Lstat(localPath.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/")
            ?? throw new CopyException(ErrorCatalog.LocalPathNotFound, $"Cannot find the local path '{localPath}'.", localPath);
        if (!PosixPath.AssertsDirectory(localPath))
        {
            return item;
        }
        var directory = item.LinkTarget is null ? item as DirectoryInfo
            : LocalFile.OnDisk(localPath, () => new DirectoryInfo(item.ResolveLinkTarget(returnFinalTarget: true)!.FullName));
        return directory is { Exists: true }
            ? directory
            : throw new CopyException(ErrorCatalog.NotADirectory, $"The local path '{localPath}' is not a directory.", localPath);
    }

    /// <summary>
    /// What <paramref name="root"/> holds, to be archived as <paramref name="archiveName"/>: a relative name ('.'
    /// names a directory itself, so its contents extract straight into the destination), or "" for a directory's
    /// contents with no top entry. <paramref name="filter"/>, when given, is asked about every item below the root in
    /// walk order (a directory before what it holds, names in ordinal order), with its archive name and whether it
    /// is a directory the walk would enter (a link never is).
    /// </summary>
    public static ArchiveSource Scan(FileSystemInfo root, string archiveName, Func<string, bool, ArchiveChoice>? filter = null)
    {
        var items = new List<Item>();
        try
        {
            Add(items, root, archiveName, filter, isRoot: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LocalFile.Failure(root.FullName, e, "read");
        }
        return new ArchiveSource(items);
    }

    /// <summary>The file, directory or link itself at a path (links not followed), or null when nothing is there.</summary>
    public static FileSystemInfo? Lstat(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null || file.Exists)
        {
            return file;
        }
        var directory = new DirectoryInfo(path);
        return directory.Exists ? directory : null;
    }

    /// <summary>
    /// This source with a file whose content is held in memory: it takes the place of the entry named
    /// <paramref name="name"/>, keeping that entry's mode and time, or is added at the end with <paramref name="mode"/>
    /// and the current time.
    /// </summary>
    public ArchiveSource WithFile(string name, byte[] content, UnixFileMode mode)
    {
        var items = _items.ToList();
        var at = items.FindIndex(i => i.Name == name);
        if (at >= 0)
        {
            items[at] = items[at] with { Content = content };
        }
        else
        {
            items.Add(new Item(name, null, content, mode, DateTimeOffset.UtcNow));
        }
        return new ArchiveSource(items);
    }

    private static void Add(List<Item> items, FileSystemInfo info, string name, Func<string, bool, ArchiveChoice>? filter, bool isRoot)
    {
        var walk = info is DirectoryInfo { LinkTarget: null };
        var choice = isRoot ? ArchiveChoice.Include : filter?.Invoke(name, walk) ?? ArchiveChoice.Include;
        if (name.Length > 0 && choice == ArchiveChoice.Include)
        {
            items.Add(new Item(name, info));
        }
        if (walk && choice != ArchiveChoice.Prune)
        {
            var children = ((DirectoryInfo)info).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
                .OrderBy(c => c.Name, StringComparer.Ordinal);
            foreach (var child in children)
            {
                Add(items, child, name.Length > 0 ? name + "/" + child.Name : child.Name, filter, isRoot: false);
            }
        }
    }

    /// <summary>Writes the archive to <paramref name="output"/>, adding file content bytes to <paramref name="progress"/> as they are read.</summary>
    public async Task WriteAsync(Stream output, TransferProgress progress, CancellationToken cancellationToken)
    {
        progress.Total = TotalBytes;
        // Not disposed: that would close the output, which belongs to the caller (e.g. an HTTP request body).
        var buffered = new BufferedStream(output, BufferSize);
        await using (var writer = new TarWriter(buffered, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var item in _items)
            {
                var entry = EntryFor(item, progress);
                try
                {
                    await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                    progress.Add(item.Content?.Length ?? 0);
                }
                finally
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        }
        await buffered.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static PaxTarEntry EntryFor(Item item, TransferProgress progress)
    {
        var name = item.Name;
        if (item.Content is { } content)
        {
            return new PaxTarEntry(TarEntryType.RegularFile, name)
            {
                Mode = item.Info?.UnixFileMode ?? item.Mode,
                ModificationTime = item.Info is null ? item.Time : item.Info.LastWriteTimeUtc,
                DataStream = new MemoryStream(content, writable: false),
            };
        }
        var info = item.Info!;
        try
        {
            PaxTarEntry entry;
            if (info.LinkTarget is { } target)
            {
                entry = new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target, Mode = (UnixFileMode)0b111_111_111 };
            }
            else if (info is DirectoryInfo)
            {
                entry = new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = info.UnixFileMode };
            }
            else
            {
                entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = info.UnixFileMode, DataStream = new LocalReadStream(info.FullName, progress) };
            }
            entry.ModificationTime = info.LastWriteTimeUtc;
            return entry;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LocalFile.Failure(info.FullName, e, "read");
        }
    }

    /// <summary>
    /// One archive entry: the local item <see cref="Info"/>, or, with <see cref="Content"/>, a file held in memory
    /// (with the local item it replaces, if any, giving the mode and time instead of <see cref="Mode"/> and <see cref="Time"/>).
    /// </summary>
    private sealed record Item(string Name, FileSystemInfo? Info, byte[]? Content = null, UnixFileMode Mode = 0, DateTimeOffset Time = default);

    /// <summary>
    /// A local file read into the archive: counts bytes for progress, and reports read failures as the local
    /// failures they are (an <see cref="IOException"/> here is not the engine's connection failing).
    /// </summary>
    private sealed class LocalReadStream(string path, TransferProgress progress) : Stream
    {
        private readonly FileStream _file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);

        public override bool CanRead => true;
        public override bool CanSeek => _file.CanSeek;
        public override bool CanWrite => false;
        public override long Length => _file.Length;

        public override long Position
        {
            get => _file.Position;
            set => _file.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Counted(_file.Read(buffer));
            }
            catch (IOException e)
            {
                throw Failed(e);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Counted(await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
            }
            catch (IOException e)
            {
                throw Failed(e);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _file.Dispose();
            }
            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            progress.Add(read);
            return read;
        }

        private CopyException Failed(IOException e) => LocalFile.Failure(path, e, "read");
    }
}
