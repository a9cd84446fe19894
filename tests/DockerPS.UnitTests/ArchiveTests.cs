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

        await ArchiveExtractor.ExtractAsync(tar, _root.FullName, null, new TransferProgress(), default);

        Assert.Equal(linkTime.UtcDateTime, new FileInfo(At("a-link")).LastWriteTimeUtc);
        Assert.Equal(fileTime.UtcDateTime, File.GetLastWriteTimeUtc(At("z-file")));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("d/../../escape")]
    public async Task RefusesNamesOutsideTheDestination(string name)
    {
        var e = await Assert.ThrowsAsync<CopyException>(() =>
            ArchiveExtractor.ExtractAsync(Archive(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = Data("x") }), At("inner"), null, new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.False(File.Exists(At("escape")));
    }

    [Fact]
    public async Task RefusesToWriteThroughALinkTheArchiveMade()
    {
        Directory.CreateDirectory(At("elsewhere"));
        var tar = Archive(new PaxTarEntry(TarEntryType.SymbolicLink, "d") { LinkName = At("elsewhere") },
            new PaxTarEntry(TarEntryType.RegularFile, "d/planted") { DataStream = Data("x") });

        var e = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(tar, At("out"), null, new TransferProgress(), default));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.False(File.Exists(At("elsewhere/planted")));
    }

    [Fact]
    public async Task NeverReplacesADirectoryWithAFileNorTheOtherWayRound()
    {
        Directory.CreateDirectory(At("out/x"));
        File.WriteAllText(At("out/y"), "keep");

        var onto = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(
            Archive(new PaxTarEntry(TarEntryType.RegularFile, "x") { DataStream = Data("x") }), At("out"), null, new TransferProgress(), default));
        var under = await Assert.ThrowsAsync<CopyException>(() => ArchiveExtractor.ExtractAsync(
            Archive(new PaxTarEntry(TarEntryType.Directory, "y/")), At("out"), null, new TransferProgress(), default));

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

        var result = await ArchiveExtractor.ExtractAsync(tar, _root.FullName, null, new TransferProgress(), default);

        Assert.Equal("new", File.ReadAllText(At("f")));
        Assert.Equal(["pipe"], result.Skipped);
        Assert.False(File.Exists(At("pipe")));
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
