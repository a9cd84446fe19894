using DockerPS.Archive;

namespace DockerPS.Build;

/// <summary>What a build uploads as its context: a directory archived as it is sent, or a prepared archive sent as it is.</summary>
public abstract class BuildContextBody
{
    /// <summary>A directory's archive, written while it is uploaded (see <see cref="BuildContext.Scan"/>).</summary>
    public static BuildContextBody Of(ArchiveSource directory) => new DirectoryBody(directory);

    /// <summary>The request body; a local failure while it is sent is its <see cref="IUploadContent.Failure"/>.</summary>
    internal abstract HttpContent CreateContent(TransferProgress progress);

    private sealed class DirectoryBody(ArchiveSource source) : BuildContextBody
    {
        internal override HttpContent CreateContent(TransferProgress progress) => new ArchiveContent(source, progress);
    }
}

/// <summary>
/// A prepared build context, as <c>docker build -</c> takes one: a tar archive, plain or compressed (gzip, bzip2, xz,
/// zstd: the engine detects the compression itself), from a file, from piped bytes or a stream, or from standard input.
/// Its bytes are sent as they are; the engine applies the .dockerignore inside it only to the Dockerfile and the
/// .dockerignore themselves. Its first bytes are read when it is made, to tell its format; a stream that cannot seek
/// keeps them and sends them first.
/// </summary>
public sealed class PreparedArchive : BuildContextBody, IDisposable
{
    private const string TarMediaType = "application/x-tar";

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly long _start;
    // The bytes read to tell the format, when the stream cannot go back to them.
    private readonly byte[] _head;

    private PreparedArchive(Stream stream, bool ownsStream, string description, string? file)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        Description = description;
        File = file;
        _start = stream.CanSeek ? stream.Position : 0;
        var head = new byte[BuildArchive.HeaderLength];
        var read = Read(() => stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false));
        Format = BuildArchive.Sniff(head.AsSpan(0, read));
        IsEmpty = read == 0;
        if (stream.CanSeek)
        {
            Read(() => stream.Seek(_start, SeekOrigin.Begin));
            _head = [];
        }
        else
        {
            _head = head[..read];
        }
    }

    /// <summary>The archive in a local file, opened now (a missing or unreadable file is a <see cref="CopyException"/>).</summary>
    public static PreparedArchive FromFile(string path)
    {
        var file = LocalFile.OnDisk(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan));
        try
        {
            return new PreparedArchive(file, ownsStream: true, path, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The archive in a stream, read from where it is now; <paramref name="description"/> names it in messages (e.g.
    /// "standard input"). The stream is disposed with this only when <paramref name="ownsStream"/>.
    /// </summary>
    public static PreparedArchive FromStream(Stream stream, string description, bool ownsStream) => new(stream, ownsStream, description, null);

    /// <summary>What its first bytes say it is; <see cref="ArchiveFormat.None"/> is not something the engine can unpack.</summary>
    public ArchiveFormat Format { get; }

    /// <summary>Whether it has no bytes at all.</summary>
    public bool IsEmpty { get; }

    /// <summary>The file, or the words for the stream, for messages and progress.</summary>
    public string Description { get; }

    /// <summary>The local file it comes from, if any.</summary>
    public string? File { get; }

    /// <summary>Whether it can be sent again (to another engine) and read for its Dockerfile: its stream can seek.</summary>
    public bool CanRewind => _stream.CanSeek;

    /// <summary>Its length in bytes, when its stream knows it.</summary>
    public long? Length => _stream.CanSeek ? _stream.Length - _start : null;

    /// <summary>
    /// A copy that can be sent more than once: this one when its stream can seek, else one holding all of it in memory
    /// (this one is then read to its end).
    /// </summary>
    public PreparedArchive Rewindable()
    {
        if (CanRewind)
        {
            return this;
        }
        var copy = new MemoryStream();
        copy.Write(_head);
        Read(() => _stream.CopyTo(copy));
        copy.Position = 0;
        return new PreparedArchive(copy, ownsStream: true, Description, File);
    }

    /// <summary>
    /// The Dockerfile <paramref name="dockerfile"/> names in the archive (see <see cref="BuildArchive.FindDockerfile"/>);
    /// <see cref="DockerfileLookup.Unknown"/> when the stream cannot seek back after reading it.
    /// </summary>
    public (DockerfileLookup Lookup, byte[]? Content) FindDockerfile(string dockerfile)
    {
        if (!CanRewind)
        {
            return (DockerfileLookup.Unknown, null);
        }
        try
        {
            return Read(() => BuildArchive.FindDockerfile(_stream, Format, dockerfile));
        }
        finally
        {
            Read(() => _stream.Seek(_start, SeekOrigin.Begin));
        }
    }

    internal override HttpContent CreateContent(TransferProgress progress)
    {
        if (_stream.CanSeek)
        {
            Read(() => _stream.Seek(_start, SeekOrigin.Begin));
        }
        return new StreamUploadContent(_stream, _head, Description, ownsStream: false, TarMediaType, progress);
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private T Read<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            throw LocalFile.Failure(Description, e, "read");
        }
    }

    private void Read(Action step) => Read(() =>
    {
        step();
        return true;
    });
}
