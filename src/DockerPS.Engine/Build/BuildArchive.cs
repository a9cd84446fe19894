using System.Formats.Tar;
using System.IO.Compression;
using DockerPS.Archive;

namespace DockerPS.Build;

/// <summary>What the first bytes of a prepared build context say it is.</summary>
public enum ArchiveFormat
{
    /// <summary>Neither a tar archive nor a compressed stream the engine unpacks.</summary>
    None,
    Tar,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

/// <summary>What a prepared archive says about the Dockerfile a build names in it.</summary>
public enum DockerfileLookup
{
    /// <summary>The archive has it (its content is returned with this).</summary>
    Found,

    /// <summary>The archive was read to its end and has no such file.</summary>
    Missing,

    /// <summary>The archive could not be read here (a compression .NET has no reader for, a link, a tar .NET refuses).</summary>
    Unknown,
}

/// <summary>
/// A prepared build context (a tar archive, plain or compressed, that <c>docker build -</c> sends as it is): checked
/// as the docker CLI checks standard input (<c>isArchive</c>: a compression the engine detects by its magic bytes, or a
/// first tar header whose checksum holds), and read for the Dockerfile the build names, which tells the registries of
/// its base images. The engine unpacks the archive itself; nothing here changes it.
/// </summary>
public static class BuildArchive
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs: two tar blocks, as the CLI peeks.</summary>
    public const int HeaderLength = 1024;

    private const int BlockSize = 512;

    /// <summary>The largest Dockerfile read for its base images; a larger one is left to the engine.</summary>
    private const int MaxDockerfileLength = 1 << 20;

    /// <summary>
    /// The format of an archive from its first bytes (up to <see cref="HeaderLength"/>; fewer when it is shorter): the
    /// magic numbers of moby's compression.Detect, else a tar header as Go's archive/tar reads one (the checksum of the
    /// first block, counted unsigned or signed, matches its octal field). A first block of zeros is an empty tar.
    /// </summary>
    public static ArchiveFormat Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x42, 0x5A, 0x68]))
        {
            return ArchiveFormat.Bzip2;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B, 0x08]))
        {
            return ArchiveFormat.Gzip;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]))
        {
            return ArchiveFormat.Xz;
        }
        // A zstd frame, or a skippable frame (magic 0x184D2A50 to 0x184D2A5F, little-endian) before one.
        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]) || (head.Length >= 4 && (head[0] & 0xF0) == 0x50 && head[1] == 0x2A && head[2] == 0x4D && head[3] == 0x18))
        {
            return ArchiveFormat.Zstd;
        }
        return head.Length >= BlockSize && IsTarHeader(head[..BlockSize]) ? ArchiveFormat.Tar : ArchiveFormat.None;
    }

    /// <summary>The words for a format in messages.</summary>
    public static string Describe(ArchiveFormat format) => format switch
    {
        ArchiveFormat.Tar => "a tar archive",
        ArchiveFormat.None => "not an archive",
        _ => $"a {format.ToString().ToLowerInvariant()}-compressed archive",
    };

    private static bool IsTarHeader(ReadOnlySpan<byte> block)
    {
        if (!block.ContainsAnyExcept((byte)0))
        {
            return true;
        }
        // The checksum field: octal digits, padded with spaces or NULs.
        var field = block.Slice(148, 8);
        var start = 0;
        var end = field.Length;
        while (start < end && field[start] is 0 or (byte)' ')
        {
            start++;
        }
        while (end > start && field[end - 1] is 0 or (byte)' ')
        {
            end--;
        }
        if (start == end)
        {
            return false;
        }
        long recorded = 0;
        foreach (var digit in field[start..end])
        {
            if (digit is < (byte)'0' or > (byte)'7')
            {
                return false;
            }
            recorded = recorded * 8 + (digit - '0');
        }
        long unsigned = 0, signed = 0;
        for (var i = 0; i < block.Length; i++)
        {
            var value = i is >= 148 and < 156 ? (byte)' ' : block[i];
            unsigned += value;
            signed += (sbyte)value;
        }
        return recorded == unsigned || recorded == signed;
    }

    /// <summary>
    /// Finds <paramref name="dockerfile"/> (a slash-separated path in the archive; <c>Dockerfile</c> falls back to
    /// <c>dockerfile</c>, as the engine does) in a plain or gzip-compressed archive read from <paramref name="archive"/>,
    /// which is left open; the caller puts it back where it was. Other compressions and archives .NET cannot read are
    /// <see cref="DockerfileLookup.Unknown"/>: the engine may still read them.
    /// </summary>
    public static (DockerfileLookup Lookup, byte[]? Content) FindDockerfile(Stream archive, ArchiveFormat format, string dockerfile)
    {
        if (format is not (ArchiveFormat.Tar or ArchiveFormat.Gzip))
        {
            return (DockerfileLookup.Unknown, null);
        }
        var wanted = EntryName(dockerfile);
        var lowercase = wanted == "Dockerfile" ? "dockerfile" : null;
        byte[]? fallback = null;
        var lookup = DockerfileLookup.Missing;
        try
        {
            using var source = format == ArchiveFormat.Gzip ? new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true) : null;
            using var reader = new TarReader(source ?? archive, leaveOpen: true);
            while (reader.GetNextEntry() is { } entry)
            {
                var name = EntryName(entry.Name);
                if (name != wanted && name != lowercase)
                {
                    continue;
                }
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile) || entry.Length > MaxDockerfileLength)
                {
                    // A link, or a file too large to be a Dockerfile: the engine's to judge.
                    return (DockerfileLookup.Unknown, null);
                }
                var content = Read(entry);
                if (name == wanted)
                {
                    return (DockerfileLookup.Found, content);
                }
                (lookup, fallback) = (DockerfileLookup.Found, content);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or NotSupportedException or ArgumentException)
        {
            return (DockerfileLookup.Unknown, null);
        }
        return (lookup, fallback);
    }

    /// <summary>A name in the archive as the engine finds files: relative, cleaned (<c>./Dockerfile</c> is <c>Dockerfile</c>).</summary>
    internal static string EntryName(string name) => PosixPath.Clean("/" + name).TrimStart('/');

    private static byte[] Read(TarEntry entry)
    {
        if (entry.DataStream is not { } data)
        {
            return [];
        }
        using var copy = new MemoryStream((int)entry.Length);
        data.CopyTo(copy);
        return copy.ToArray();
    }
}
