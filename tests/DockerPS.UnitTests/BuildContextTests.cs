using System.Formats.Tar;
using System.Text;
using DockerPS.Archive;
using DockerPS.Build;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The build context archive as the docker CLI's classic build sends it, read back entry by entry.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BuildContextTests : IDisposable
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("dps-context-");

    public void Dispose() => _root.Delete(recursive: true);

    private string At(string relative) => Path.Join(_root.FullName, relative);

    private void Write(string relative, string content = "x")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(At(relative))!);
        File.WriteAllText(At(relative), content);
    }

    private static async Task<Dictionary<string, (TarEntry Entry, string? Text)>> Entries(ArchiveSource source)
    {
        using var tar = new MemoryStream();
        var progress = new TransferProgress();
        await source.WriteAsync(tar, progress, default);
        Assert.Equal(source.TotalBytes, progress.Bytes);
        tar.Position = 0;
        var entries = new Dictionary<string, (TarEntry, string?)>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add(entry.Name, (entry, entry.DataStream is { } data ? new StreamReader(data).ReadToEnd() : null));
        }
        return entries;
    }

    [Fact]
    public async Task SendsTheDockerfileAndDockerignoreEvenWhenTheyExcludeThemselves()
    {
        Write(".dockerignore", "*\n");
        Write("Dockerfile", "FROM scratch\n");
        Write("other");
        Write("sub/Dockerfile");

        var entries = await Entries(BuildContext.Scan(_root.FullName, "Dockerfile", null));

        Assert.Equal([".dockerignore", "Dockerfile"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendsANestedDockerfileWithoutTheRestOfItsExcludedDirectory()
    {
        Write(".dockerignore", "build\n");
        Write("build/Dockerfile");
        Write("build/other");

        var entries = await Entries(BuildContext.Scan(_root.FullName, "build/Dockerfile", null));

        Assert.Equal([".dockerignore", "build/Dockerfile"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddsAnOutsideDockerfileUnderItsNameAndIgnoresIt()
    {
        Write("app.txt");
        var name = ".dockerfile.0123456789abcdef0123";

        var entries = await Entries(BuildContext.Scan(_root.FullName, name, Encoding.UTF8.GetBytes("FROM scratch\n")));

        Assert.Equal("FROM scratch\n", entries[name].Text);
        Assert.Equal(Mode600, entries[name].Entry.Mode);
        Assert.Equal($".dockerignore\n{name}\n", entries[".dockerignore"].Text);
        Assert.Equal(Mode600, entries[".dockerignore"].Entry.Mode);
        Assert.Equal([name, ".dockerignore", "app.txt"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AppendsAnOutsideDockerfilesNameToTheContextsDockerignore()
    {
        Write(".dockerignore", "*.tmp");
        File.SetUnixFileMode(At(".dockerignore"), (UnixFileMode)0b110_100_000);
        Write("a.tmp");
        var name = ".dockerfile.aaaaaaaaaaaaaaaaaaaa";

        var entries = await Entries(BuildContext.Scan(_root.FullName, name, Encoding.UTF8.GetBytes("FROM scratch\n")));

        Assert.Equal($"*.tmp\n{name}\n", entries[".dockerignore"].Text);
        Assert.Equal((UnixFileMode)0b110_100_000, entries[".dockerignore"].Entry.Mode);
        Assert.Equal([name, ".dockerignore"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task KeepsModesLinksAndLongNamesWithRootAsOwner()
    {
        var longName = "deep/" + new string('d', 90) + "/" + new string('f', 60) + ".txt";
        Write(longName, "long");
        Write("run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(At("run.sh"), (UnixFileMode)0b111_101_000);
        Directory.CreateDirectory(At("target"));
        Write("target/inside");
        File.CreateSymbolicLink(At("link-to-dir"), "target");
        File.CreateSymbolicLink(At("dangling"), "nowhere");

        var entries = await Entries(BuildContext.Scan(_root.FullName, "Dockerfile", null));

        Assert.True(longName.Length > 100);
        Assert.Equal("long", entries[longName].Text);
        Assert.Equal((UnixFileMode)0b111_101_000, entries["run.sh"].Entry.Mode);
        Assert.Equal(TarEntryType.SymbolicLink, entries["link-to-dir"].Entry.EntryType);
        Assert.Equal("target", entries["link-to-dir"].Entry.LinkName);
        Assert.Equal("nowhere", entries["dangling"].Entry.LinkName);
        Assert.DoesNotContain(entries.Keys, k => k.StartsWith("link-to-dir/", StringComparison.Ordinal));
        Assert.All(entries.Values, e => Assert.Equal((0, 0), (((PosixTarEntry)e.Entry).Uid, ((PosixTarEntry)e.Entry).Gid)));
    }

    [Fact]
    public async Task ReincludesADeepExceptionWithoutItsExcludedParents()
    {
        Write(".dockerignore", "vendor\n!vendor/keep/this.txt\n");
        Write("vendor/keep/this.txt");
        Write("vendor/keep/not.txt");
        Write("vendor/other/x");

        var entries = await Entries(BuildContext.Scan(_root.FullName, "Dockerfile", null));

        Assert.Equal([".dockerignore", "vendor/keep/this.txt"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NeverReadsAnExcludedDirectoryNoExceptionReachesInto()
    {
        for (var i = 0; i < 50; i++)
        {
            Write($"node_modules/pkg{i}/index.js");
        }
        Write("node_modules/keep.txt");
        Write("src/main.js");
        var asked = new List<string>();
        var filter = new DockerIgnore(["node_modules", "!*/keep.txt", "!src/main.js"]).Filter();

        ArchiveSource.Scan(_root, "", (name, isDirectory) =>
        {
            asked.Add(name);
            return filter(name, isDirectory);
        });

        Assert.Equal(["node_modules", "src", "src/main.js"], asked);
    }

    [Fact]
    public void RefusesABadPatternBeforeReadingAnything()
    {
        Write(".dockerignore", "ok\n[bad\n");

        var e = Assert.Throws<DockerIgnoreException>(() => BuildContext.Scan(_root.FullName, "Dockerfile", null));

        Assert.Equal("[bad", e.Pattern);
    }
}
