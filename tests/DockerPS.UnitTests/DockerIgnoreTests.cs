using System.Text;
using DockerPS.Archive;
using DockerPS.Build;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>.dockerignore rules; the pattern tables are moby/patternmatcher's own test facts (and Go's filepath.Match ones it carries).</summary>
public sealed class DockerIgnoreTests
{
    [Theory]
    [InlineData("**", "file", true)]
    [InlineData("**", "dir/file/", true)]
    [InlineData("**/", "file", true)]
    [InlineData("**/**", "dir/file", true)]
    [InlineData("dir/**", "dir/dir2/file", true)]
    [InlineData("**/dir", "dir", true)]
    [InlineData("**/dir", "dir/file", true)]
    [InlineData("**/dir2/*", "dir/dir2/file", true)]
    [InlineData("**/dir2/**", "dir/dir2/dir3/file", true)]
    [InlineData("**file", "dir/dir/file", true)]
    [InlineData("**/file*.txt", "dir/dir/file.txt", true)]
    [InlineData("**/**/*.txt2", "dir/dir/file.txt", false)]
    [InlineData("**/*.txt", "file.txt", true)]
    [InlineData("a**/*.txt", "a/dir/dir/file.txt", true)]
    [InlineData("a/*.txt", "a/dir/file.txt", false)]
    [InlineData("a/*.txt**", "a/file.txt", true)]
    [InlineData("a[b-d]e", "ae", false)]
    [InlineData("a[b-d]e", "ace", true)]
    [InlineData("a[^b-d]e", "aze", true)]
    [InlineData(".*", ".foo", true)]
    [InlineData(".*", "foo", false)]
    [InlineData("abc.def", "abcZdef", false)]
    [InlineData("abc?def", "abcZdef", true)]
    [InlineData("abc?def", "abcdef", false)]
    [InlineData("**/foo/bar", "dir/dir2/foo/bar", true)]
    [InlineData("abc/**", "abc", false)]
    [InlineData("abc/**", "abc/def/ghi", true)]
    [InlineData("**/.foo", "bar.foo", false)]
    [InlineData("a(b)c/def", "a(b)c/def", true)]
    [InlineData("a.|)$(}+{bc", "a.|)$(}+{bc", true)]
    [InlineData("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true)]
    [InlineData(@"a\\", @"a\", true)]
    [InlineData(@"a\*b", "a*b", true)]
    [InlineData(@"a\*b", "ab", false)]
    [InlineData("a*", "ab/c", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a?b", "a☺b", true)]
    [InlineData("[a-ζ]*", "α", true)]
    [InlineData("a?b", "a/b", false)]
    [InlineData(@"[\]a]", "]", true)]
    [InlineData(@"[x\-]", "-", true)]
    [InlineData(@"[\-x]", "a", false)]
    // Facts of the compiled forms: "**x" is a plain suffix, so it matches inside a name; '!' opens no negated class.
    [InlineData("**.log", "dir/app.log", true)]
    [InlineData("[!a]b", "!b", true)]
    [InlineData("[!a]b", "cb", false)]
    public void MatchesAsPatternmatcherDoes(string pattern, string path, bool excluded) =>
        Assert.Equal(excluded, new DockerIgnore([pattern]).Excludes(path));

    [Theory]
    [InlineData("util/docker/web/foo", false, "**", "!util/docker/web")]
    [InlineData("util/docker/web/foo", true, "**", "!util/docker/web", "util/docker/web/foo")]
    [InlineData("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false, "**", "!dist/*.whl")]
    [InlineData("fileutils.go", true, "!fileutils.go", "*.go")]
    [InlineData("fileutils.go", false, "*.go", "!fileutils.go")]
    [InlineData("docs/README.md", false, "docs/", "!docs/README.md")]
    [InlineData("docs/README.md", false, "docs/*", "!docs/README.md")]
    [InlineData("docs/README.md", false, "  docs", "!docs/README.md  ")]
    public void LaterPatternsWin(string path, bool excluded, params string[] patterns) =>
        Assert.Equal(excluded, new DockerIgnore(patterns).Excludes(path));

    [Theory]
    [InlineData("!")]
    [InlineData("[")]
    [InlineData("a[")]
    [InlineData("[^bc")]
    [InlineData("[]a]")]
    [InlineData("[-]")]
    [InlineData("[x-]")]
    [InlineData("[-x]")]
    [InlineData("[a-b-c]")]
    [InlineData(@"\")]
    [InlineData("ok", "!bad[")]
    public void RefusesWhatFilepathMatchRefuses(params string[] patterns) =>
        Assert.Throws<DockerIgnoreException>(() => new DockerIgnore(patterns));

    [Fact]
    public void ReadsTheFileAsIgnorefileReadAllDoes()
    {
        var file = "\uFEFFtest1\n/test2\r\n/a/file/here\n\nlastfile\n# this is a comment\n  # not one\n! /inverted/abs/path\n!\n! \n./x/../y/\n/\n../up\n\t*.tmp \n";

        var patterns = DockerIgnore.ReadAll(Encoding.UTF8.GetBytes(file));

        Assert.Equal(["test1", "test2", "a/file/here", "lastfile", "# not one", "!inverted/abs/path", "!", "!", "y", "/", "../up", "*.tmp"], patterns);
    }

    [Fact]
    public void AChildStartsFromItsParentsResultsAsTheArchiveWalkDoes()
    {
        // "!a" cannot apply to "a" (nothing excluded it yet), so the walk never records it for a's children; asked
        // about "a/f" alone, a pattern matching a parent counts, and "!a" re-includes it.
        var ignore = new DockerIgnore(["a/*", "!a"]);
        var filter = ignore.Filter();

        Assert.Equal(ArchiveChoice.Include, filter("a", true));
        Assert.Equal(ArchiveChoice.Prune, filter("a/f", false));
        Assert.False(ignore.Excludes("a/f"));
    }

    [Theory]
    [InlineData(ArchiveChoice.Prune, "big")]
    [InlineData(ArchiveChoice.Prune, "big", "!other/keep")]
    [InlineData(ArchiveChoice.Prune, "big", "!*/keep")]
    [InlineData(ArchiveChoice.Prune, "big", "!bigger")]
    [InlineData(ArchiveChoice.Omit, "big", "!big/deep/keep")]
    [InlineData(ArchiveChoice.Omit, "big", "!big/*.keep")]
    [InlineData(ArchiveChoice.Include, "big", "!big")]
    public void PrunesAnExcludedDirectoryNoExceptionsTextReachesInto(ArchiveChoice expected, params string[] patterns) =>
        Assert.Equal(expected, new DockerIgnore(patterns).Filter()("big", true));
}
