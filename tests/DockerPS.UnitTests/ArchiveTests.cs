using System.Formats.Tar;
using System.Text;
using DockerPS.Archive;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>Tar streaming both ways, on the local file system only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ArchiveTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("dps-archive-");

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>The whole archive as it is, as for a copy of a directory's contents ('SRC/.') into a directory.</summary>
    private static readonly ArchiveRename Whole = new(".", ".");

    private string At(string relative) => Path.Join(_root.FullName, relative);

    [Fact]
    public async Task ArchivesAndExtractsModesTimesAndLinksUnderANewName()
    {
        Directory.CreateDirectory(At("src/sub"));
        File.WriteAllText(At("src/run.sh"), "#!/bin/sh\n");
        File.SetUnixFileMode(At("src/run.sh"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(At("src/sub/secret ü.txt"), "s");
        File.SetUnixFileMode(At("src/sub/secret ü.txt"), (UnixFileMode)0b110_000_000);
        File.SetLastWriteTimeUtc(At("src/run.sh"), new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc));
        File.CreateSymbolicLink(At("src/link"), "sub/secret ü.txt");
        Directory.CreateDirectory(At("out"));

        var source = ArchiveSource.Scan(new DirectoryInfo(At("src")), "src");
        using var tar = new MemoryStream();
        var written = new TransferProgress();
        await source.WriteAsync(tar, written, default);
        tar.Position = 0;
        var read = new TransferProgress();
        var result = await ArchiveExtractor.ExtractAsync(tar, At("out"), new ArchiveRename("src", "copy"), read, default);

        Assert.Equal(5, result.Entries);
        Assert.Empty(result.Skipped);
        Assert.Equal(source.TotalBytes, written.Bytes);
        Assert.Equal(source.TotalBytes, read.Bytes);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(At("out/copy/run.sh")));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(At("out/copy/sub/secret ü.txt")));
        Assert.Equal(new DateTime(2020, 5, 6, 7, 8, 9, DateTimeKind.Utc), File.GetLastWriteTimeUtc(At("out/copy/run.sh")));
        Assert.Equal("sub/secret ü.txt", new FileInfo(At("out/copy/link")).LinkTarget);
        Assert.Equal("s", File.ReadAllText(At("out/copy/link")));
    }

    [Fact]
    public async Task ExtractsHardLinksAsLinks()
    {
        var tar = Archive(new PaxTarEntry(TarEntryType.RegularFile, "d/a") { DataStream = Data("content") },
            new PaxTarEntry(TarEntryType.HardLink, "d/b") { LinkName = "d/a" });

        await ArchiveExtractor.ExtractAsync(tar, _root.FullName, new ArchiveRename("d", "e"), new TransferProgress(), default);

        File.AppendAllText(At("e/a"), "!");
        Assert.Equal("content!", File.ReadAllText(At("e/b")));
    }

    [Fact]
    public async Task KeepsALinksOwnTimeEvenBeforeItsTargetExists()
    {
        var linkTime = new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var fileTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var tar = Archive(new PaxTarEntry(TarEntryType.SymbolicLink, "a-link") { LinkName = "z-file", ModificationTime = linkTime },
            new PaxTarEntry(TarEntryType.RegularFile, "z-file") { DataStream = Data("z"), ModificationTime = fileTime });

        await ArchiveExtractor.ExtractAsync(tar, _root.FullName, Whole, new TransferProgress(), default);

        Assert.Equal(linkTime.UtcDateTime, new FileInfo(At("a-link")).LastWriteTimeUtc);
        Assert.Equal(fileTime.UtcDateTime, File.GetLastWriteTimeUtc(At("z-file")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("d/../../escape")]
    public async Task RefusesNamesOutsideTheDestination(string name)
    {
        var e = await Assert.ThrowsAsync<CopyException>(() =>
            ArchiveExtractor.ExtractAsync(Archive(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = Data("x") }), At("inner"), Whole, new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.False(File.Exists(At("escape")));
    }

    [Fact]
    public async Task RefusesToWriteThroughALinkTheArchiveMade()
    {
        Directory.CreateDirectory(At("elsewhere"));
        var tar = Archive(new PaxTarEntry(TarEntryType.SymbolicLink, "d") { LinkName = At("elsewhere") },
            new PaxTarEntry(TarEntryType.RegularFile, "d/planted") { DataStream = Data("x") });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, At("out"), Whole, new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.False(File.Exists(At("elsewhere/planted")));
    }

    [Fact]
    public async Task NeverReplacesADirectoryWithAFileNorTheOtherWayRound()
    {
        Directory.CreateDirectory(At("out/x"));
        File.WriteAllText(At("out/y"), "keep");

        var onto = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(
            Archive(new PaxTarEntry(TarEntryType.RegularFile, "x") { DataStream = Data("x") }), At("out"), Whole, new TransferProgress(), default));
        var under = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(
            Archive(new PaxTarEntry(TarEntryType.Directory, "y/")), At("out"), Whole, new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.FileOntoDirectory, onto.Code);
        Assert.Equal(ErrorCatalog.DirectoryOntoFile, under.Code);
        Assert.True(Directory.Exists(At("out/x")));
        Assert.Equal("keep", File.ReadAllText(At("out/y")));
    }

    [Fact]
    public async Task ReplacesAFileAndSkipsSpecialFiles()
    {
        File.WriteAllText(At("f"), "old");
        var tar = Archive(new PaxTarEntry(TarEntryType.RegularFile, "f") { DataStream = Data("new") }, new PaxTarEntry(TarEntryType.Fifo, "pipe"));

        var result = await ArchiveExtractor.ExtractAsync(tar, _root.FullName, Whole, new TransferProgress(), default);

        Assert.Equal("new", File.ReadAllText(At("f")));
        Assert.Equal(["pipe"], result.Skipped);
        Assert.False(File.Exists(At("pipe")));
    }

    /// <summary>
    /// A malicious engine's archive of 'd' copied to 'dest/out' (not there yet, so extracted into 'dest' as 'out'): an entry
    /// that is not 'd' or under it, however it is named, is refused and nothing lands beside 'out'.
    /// </summary>
    [Theory]
    [InlineData("sibling.txt")]
    [InlineData("/sibling.txt")]
    [InlineData("./sibling.txt")]
    [InlineData("d/../sibling.txt")]
    [InlineData("dd/sibling.txt")]
    [InlineData("../sibling.txt")]
    [InlineData("/../../sibling.txt")]
    [InlineData("d/../../sibling.txt")]
    public async Task RefusesEntriesOutsideTheCopiedTopEntry(string name)
    {
        Directory.CreateDirectory(At("dest"));
        var tar = Archive(new PaxTarEntry(TarEntryType.Directory, "d/"), new PaxTarEntry(TarEntryType.RegularFile, "d/in") { DataStream = Data("in") },
            new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = Data("x") });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, At("dest"), new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(At("dest")).Select(Path.GetFileName));
        Assert.Equal(["in"], Directory.EnumerateFileSystemEntries(At("dest/out")).Select(Path.GetFileName));
        Assert.False(File.Exists(At("sibling.txt")));
    }

    [Theory]
    [InlineData("d", "d/f", "f")]
    [InlineData("d", "/d/f", "f")]
    [InlineData("d", "d/x/../f", "f")]
    [InlineData("/", "/bin/f", "bin/f")]
    [InlineData("/", "bin/f", "bin/f")]
    [InlineData(".", "./f", "f")]
    [InlineData(".", "sub/f.txt", "sub/f.txt")] // Podman's archive of 'DIR/.': no './' top entry or prefix
    public async Task PutsEveryEntryUnderTheRenamedTopEntry(string top, string name, string under)
    {
        var tar = Archive(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = Data("x") });

        await ArchiveExtractor.ExtractAsync(tar, _root.FullName, new ArchiveRename(top, "out"), new TransferProgress(), default);

        Assert.Equal("x", File.ReadAllText(At("out/" + under)));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(_root.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RefusesToWriteThroughALinkAlreadyThere()
    {
        Directory.CreateDirectory(At("elsewhere"));
        Directory.CreateDirectory(At("dest"));
        File.CreateSymbolicLink(At("dest/out"), At("elsewhere"));
        // No entry for 'd' itself, which would be refused for replacing the link with a directory.
        var tar = Archive(new PaxTarEntry(TarEntryType.RegularFile, "d/planted") { DataStream = Data("x") });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, At("dest"), new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(At("elsewhere")));
    }

    [Fact]
    public async Task RefusesALinkToTheRootThenAFileThroughIt()
    {
        var tar = Archive(new PaxTarEntry(TarEntryType.Directory, "d/"), new PaxTarEntry(TarEntryType.SymbolicLink, "d/up") { LinkName = "/" },
            new PaxTarEntry(TarEntryType.RegularFile, "d/up/tmp/planted-" + Path.GetFileName(_root.FullName)) { DataStream = Data("x") });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, At("dest"), new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.False(File.Exists("/tmp/planted-" + Path.GetFileName(_root.FullName)));
    }

    [Theory]
    [InlineData("sibling")]
    [InlineData("/etc/passwd")]
    [InlineData("d/../../outside")]
    public async Task RefusesAHardLinkToAnythingOutsideTheCopy(string target)
    {
        Directory.CreateDirectory(At("dest"));
        File.WriteAllText(At("dest/sibling"), "keep");
        var tar = Archive(new PaxTarEntry(TarEntryType.Directory, "d/"), new PaxTarEntry(TarEntryType.HardLink, "d/h") { LinkName = target });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, At("dest"), new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.False(File.Exists(At("dest/out/h")));
    }

    [Fact]
    public async Task ADuplicateNameReplacesTheFileWithoutWritingThroughItsHardLinks()
    {
        var tar = Archive(new PaxTarEntry(TarEntryType.RegularFile, "d/a") { DataStream = Data("one") },
            new PaxTarEntry(TarEntryType.HardLink, "d/b") { LinkName = "d/a" },
            new PaxTarEntry(TarEntryType.RegularFile, "d/a") { DataStream = Data("two") });

        var result = await ArchiveExtractor.ExtractAsync(tar, _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default);

        Assert.Equal(3, result.Entries);
        Assert.Equal("two", File.ReadAllText(At("out/a")));
        Assert.Equal("one", File.ReadAllText(At("out/b")));
    }

    [Fact]
    public async Task ADuplicateNameOfAnotherKindIsRefused()
    {
        var tar = Archive(new PaxTarEntry(TarEntryType.Directory, "d/x/"), new PaxTarEntry(TarEntryType.RegularFile, "d/x") { DataStream = Data("x") });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.FileOntoDirectory, e.Code);
        Assert.True(Directory.Exists(At("out/x")));
    }

    [Fact]
    public async Task SkipsDevicesInsideAndRefusesThemOutside()
    {
        var tar = Archive(new PaxTarEntry(TarEntryType.CharacterDevice, "d/null") { DeviceMajor = 1, DeviceMinor = 3 },
            new PaxTarEntry(TarEntryType.BlockDevice, "d/disk") { DeviceMajor = 8, DeviceMinor = 0 }, new PaxTarEntry(TarEntryType.Fifo, "d/pipe"));

        var result = await ArchiveExtractor.ExtractAsync(tar, _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default);

        Assert.Equal(["out/null", "out/disk", "out/pipe"], result.Skipped);
        Assert.False(Directory.Exists(At("out")));
        var outside = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(
            Archive(new PaxTarEntry(TarEntryType.CharacterDevice, "null") { DeviceMajor = 1, DeviceMinor = 3 }), _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default));
        Assert.Equal(ErrorCatalog.InvalidArchive, outside.Code);
    }

    /// <summary>A header whose size is far more than the archive holds (8 GiB − 1 as ustar octal) is refused, and the disk is not taken for it.</summary>
    [Fact]
    public async Task RefusesAHugeSizeTheArchiveDoesNotHold()
    {
        var tar = Archive(new UstarTarEntry(TarEntryType.RegularFile, "d/huge") { DataStream = Data("abc") });
        var bytes = tar.ToArray();
        Encoding.ASCII.GetBytes("77777777777\0").CopyTo(bytes, 124);
        Checksum(bytes);

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(new MemoryStream(bytes), _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.True(new FileInfo(At("out/huge")) is { Exists: false } or { Length: < 4096 });
    }

    [Fact]
    public async Task RefusesAnArchiveThatEndsInsideAnEntry()
    {
        var bytes = Archive(new PaxTarEntry(TarEntryType.RegularFile, "d/f") { DataStream = Data(new string('x', 2000)) }).ToArray();
        var pax = 3 * 512; // the PAX extended header and its data, then the entry's header
        var cut = new MemoryStream(bytes[..(pax + 1000)]);

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(cut, _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
    }

    [Fact]
    public async Task RefusesAHeaderThatIsNotOne()
    {
        var garbage = new byte[1024];
        new Random(7).NextBytes(garbage);

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(new MemoryStream(garbage), _root.FullName, new ArchiveRename("d", "out"), new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root.FullName));
    }

    [Fact]
    public void LocatesWhatDockerCpWouldCopy()
    {
        Directory.CreateDirectory(At("dir"));
        File.WriteAllText(At("file"), "x");
        File.CreateSymbolicLink(At("link"), At("dir"));

        Assert.IsType<FileInfo>(ArchiveSource.Locate(At("link")));
        Assert.Equal(At("dir"), ArchiveSource.Locate(At("link") + "/").FullName.TrimEnd('/'));
        Assert.Equal(ErrorCatalog.NotADirectory, Assert.Throws<CopyException>(() => ArchiveSource.Locate(At("file") + "/")).Code);
        Assert.Equal(ErrorCatalog.LocalPathNotFound, Assert.Throws<CopyException>(() => ArchiveSource.Locate(At("nothing"))).Code);
    }

    private static MemoryStream Data(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes a changed ustar header's checksum: the sum of its bytes with the checksum field as spaces, in octal.</summary>
    private static void Checksum(byte[] header)
    {
        Array.Fill(header, (byte)' ', 148, 8);
        var sum = header.Take(512).Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
    }

    private static MemoryStream Archive(params TarEntry[] entries)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }
        stream.Position = 0;
        return stream;
    }
}
