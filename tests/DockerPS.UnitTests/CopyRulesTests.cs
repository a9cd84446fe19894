using DockerPS.Archive;
using DockerPS.Operations;
using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>docker cp's rules (docs "docker container cp", and the CLI's PrepareArchiveCopy) as a pure function.</summary>
public sealed class CopyRulesTests
{
    [Theory]
    // A file: created, replaces a file, or goes into a directory under its own name.
    [InlineData("/src/f", false, "/dst/new", PathKind.Missing, "/dst", "f", "new", "/dst/new")]
    [InlineData("/src/f", false, "/dst/old", PathKind.File, "/dst", "f", "old", "/dst/old")]
    [InlineData("/src/f", false, "/dst/d", PathKind.Directory, "/dst/d", "f", "f", "/dst/d/f")]
    [InlineData("/src/f", false, "/dst/d/", PathKind.Directory, "/dst/d", "f", "f", "/dst/d/f")]
    // A directory: created with its contents, or copied into an existing directory.
    [InlineData("/src/d", true, "/dst/new", PathKind.Missing, "/dst", "d", "new", "/dst/new")]
    [InlineData("/src/d", true, "/dst/new/", PathKind.Missing, "/dst", "d", "new", "/dst/new")]
    [InlineData("/src/d", true, "/dst/e", PathKind.Directory, "/dst/e", "d", "d", "/dst/e/d")]
    [InlineData("/src/d/", true, "/dst/e", PathKind.Directory, "/dst/e", "d", "d", "/dst/e/d")]
    // 'SRC/.': the contents, into an existing directory or a new one.
    [InlineData("/src/d/.", true, "/dst/e", PathKind.Directory, "/dst/e", ".", ".", "/dst/e")]
    [InlineData("/src/d/.", true, "/dst/new", PathKind.Missing, "/dst", ".", "new", "/dst/new")]
    // Relative container paths and the root.
    [InlineData("f", false, "/", PathKind.Directory, "/", "f", "f", "/f")]
    [InlineData("/etc/hosts", false, "hosts", PathKind.Missing, ".", "hosts", "hosts", "hosts")]
    public void PlansWhereTheArchiveIsExtractedAndHowItIsRenamed(string source, bool sourceIsDirectory, string destination, PathKind kind,
        string extractTo, string sourceBase, string archiveRoot, string result)
    {
        Assert.Equal(new CopyPlan(extractTo, sourceBase, archiveRoot, result), CopyRules.Plan(source, sourceIsDirectory, destination, kind));
    }

    [Theory]
    [InlineData("/src/d", true, "/dst/file", PathKind.File, "DirectoryOntoFile")]
    [InlineData("/src/d/.", true, "/dst/file", PathKind.File, "DirectoryOntoFile")]
    [InlineData("/src/f", false, "/dst/new/", PathKind.Missing, "DestinationDirectoryNotFound")]
    [InlineData("/src/f", false, "/dst/new/.", PathKind.Missing, "DestinationDirectoryNotFound")]
    public void RefusesWhatTheCliRefuses(string source, bool sourceIsDirectory, string destination, PathKind kind, string failure)
    {
        var e = Assert.Throws<CopyException>(() => CopyRules.Plan(source, sourceIsDirectory, destination, kind));
        Assert.Equal(failure, e.Code.Id);
        Assert.Equal(destination, e.Path);
    }

    [Theory]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("/a//b/./c/..", "/a/b")]
    [InlineData("/../a", "/a")]
    [InlineData("a/../../b", "../b")]
    [InlineData("", ".")]
    [InlineData("/", "/")]
    public void CleansLikeGo(string path, string clean) => Assert.Equal(clean, PosixPath.Clean(path));

    [Theory]
    [InlineData("/a/b", "/a", "b")]
    [InlineData("/a/b/", "/a", "b")]
    [InlineData("/a/b/.", "/a/b", ".")]
    [InlineData("/a", "/", "a")]
    [InlineData("b", ".", "b")]
    [InlineData("/.", "/", ".")]
    public void SplitsTheLastEntryKeepingADot(string path, string dir, string name) => Assert.Equal((dir, name), PosixPath.SplitEntry(path));

    [Theory]
    [InlineData("/a/", true)]
    [InlineData("/a/.", true)]
    [InlineData(".", true)]
    [InlineData("/a", false)]
    [InlineData("/a/..", false)]
    public void TrailingSeparatorOrDotAssertsADirectory(string path, bool asserts) => Assert.Equal(asserts, PosixPath.AssertsDirectory(path));

    [Theory]
    [InlineData("web:/etc/nginx", "web", "/etc/nginx")]
    [InlineData("web:etc", "web", "etc")]
    [InlineData("4f1c2a9d:/", "4f1c2a9d", "/")]
    [InlineData("./a:b", null, "./a:b")]
    [InlineData("/abs/a:b", null, "/abs/a:b")]
    [InlineData("conf", null, "conf")]
    [InlineData("../x:y", null, "../x:y")]
    public void ReadsContainerPathsAsTheCliDoes(string text, string? container, string path) =>
        Assert.Equal(new CopyArgument(container, path), CopyArgument.Parse(text));

    [Theory]
    [InlineData("d/", "d", "new", "new")]
    [InlineData("d/sub/f", "d", "new", "new/sub/f")]
    [InlineData("./", ".", "new", "new")]
    [InlineData("./f", ".", "new", "new/f")]
    [InlineData("/", "/", "new", "new")]
    [InlineData("/bin/sh", "/", "new", "new/bin/sh")]
    [InlineData("d/f", "d", "d", "d/f")]
    [InlineData("dd/f", "d", "new", null)]
    [InlineData("sibling", "d", "d", null)]
    [InlineData("d/../sibling", "d", "new", null)]
    [InlineData("../x", ".", "new", null)]
    public void RenamesTheTopEntryAndWhatIsUnderItAndNothingElse(string name, string from, string to, string? renamed) =>
        Assert.Equal(renamed, new ArchiveRename(from, to).Apply(name));
}
