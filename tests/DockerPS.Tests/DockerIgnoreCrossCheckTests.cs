using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The .dockerignore cross-check: for each tricky context, the files <c>COPY . /ctx</c> receives from Invoke-DockerBuild
/// equal those it receives from <c>DOCKER_BUILDKIT=0 docker build</c>, both listed with <c>find /ctx</c> in the built
/// image; a few paths each fixture must and must not reach keep an equal-but-wrong pair (both empty) from passing.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class DockerIgnoreCrossCheckTests(EngineFixture fixture) : IDisposable
{
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly TestImages _images = new(fixture);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("dps-ignore-");

    public void Dispose()
    {
        _images.Dispose();
        _work.Delete(recursive: true);
    }

    /// <summary>
    /// A context: <see cref="Files"/> are paths to create ("dir/" an empty directory, "name -> target" a symbolic
    /// link), beside a Dockerfile doing <c>COPY . /ctx</c>; <see cref="Sent"/> and <see cref="Left"/> are paths that
    /// must and must not arrive (nothing under a left-out path may arrive either).
    /// </summary>
    private sealed record Fixture(string Ignore, string[] Files, string[] Sent, string[] Left);

    private static readonly string LongPath = "long/" + new string('a', 80) + "/" + new string('b', 80) + "/file.txt";

    private static readonly Dictionary<string, Fixture> Fixtures = new()
    {
        ["exception-in-excluded-dir"] = new("docs\n!docs/README.md\n",
            ["docs/README.md", "docs/other.md", "docs/sub/x.md"], ["docs/README.md"], ["docs/other.md", "docs/sub"]),
        ["deep-exception"] = new("vendor\n!vendor/a/b/keep.txt\n",
            ["vendor/a/b/keep.txt", "vendor/a/b/no.txt", "vendor/a/c/x", "vendor/top"], ["vendor/a/b/keep.txt"], ["vendor/a/b/no.txt", "vendor/a/c", "vendor/top"]),
        ["wildcard-exception-cannot-reach-pruned-dir"] = new("node_modules\n!*/keep.txt\n",
            ["node_modules/keep.txt", "node_modules/x", "other/keep.txt"], ["other/keep.txt"], ["node_modules"]),
        ["doublestar-any-depth"] = new("**/*.log\n",
            ["a.log", "x/b.log", "x/y/c.log", "x/keep.txt"], ["x/keep.txt", "x/y"], ["a.log", "x/b.log", "x/y/c.log"]),
        ["doublestar-suffix-inside-name"] = new("**.bak\n",
            ["a.bak", "dir/file.bak", "dir/notbak.txt", "dir/x.bakup"], ["dir/notbak.txt", "dir/x.bakup"], ["a.bak", "dir/file.bak"]),
        ["doublestar-under-dir-keeps-dir"] = new("cache/**\n",
            ["cache/a", "cache/sub/b", "keep"], ["cache", "keep"], ["cache/a", "cache/sub"]),
        ["star-is-one-level"] = new("*/temp*\n",
            ["temp1", "a/temp2", "a/b/temp3", "a/tempdir/x", "a/other"], ["temp1", "a/b/temp3", "a/other"], ["a/temp2", "a/tempdir"]),
        ["question-mark-and-class"] = new("file?.txt\n[ab]*.md\n",
            ["file1.txt", "file10.txt", "a.md", "b-notes.md", "c.md"], ["file10.txt", "c.md"], ["file1.txt", "a.md", "b-notes.md"]),
        ["caret-negates-bang-does-not"] = new("log[^0-9]\n[!x]y\n",
            ["loga", "log1", "!y", "xy", "zy"], ["log1", "zy"], ["loga", "!y", "xy"]),
        ["backslash-escapes"] = new("\\*star\nq\\?\n",
            ["*star", "xstar", "q?", "qa"], ["xstar", "qa"], ["*star", "q?"]),
        ["leading-slash-dot-and-dotdot-cleaned"] = new("/rooted\n./dotted\nsub/../cleaned\n../outside\n",
            ["rooted", "dotted", "cleaned", "outside", "sub/rooted"], ["outside", "sub/rooted"], ["rooted", "dotted", "cleaned"]),
        ["trailing-slash"] = new("build/\nfile.txt/\n",
            ["build/out", "file.txt", "other"], ["other"], ["build", "file.txt"]),
        ["excludes-dockerfile-and-dockerignore"] = new("Dockerfile\n.dockerignore\n",
            ["app"], ["app"], ["Dockerfile", ".dockerignore"]),
        ["everything-but-one"] = new("*\n!keep\n",
            ["keep", "drop", "dir/x"], ["keep"], ["drop", "dir", "Dockerfile", ".dockerignore"]),
        ["comments-and-whitespace"] = new("# comment\n  # not a comment\n   spaced.txt   \n\n\t\nhash#.txt\r\n",
            ["# comment", "# not a comment", "spaced.txt", "hash#.txt", "keep"], ["# comment", "keep"], ["# not a comment", "spaced.txt", "hash#.txt"]),
        ["dot-files"] = new(".*\n!.keep\n",
            [".env", ".git/config", ".keep", "normal", "dir/.hidden"], [".keep", "normal", "dir/.hidden"], [".env", ".git"]),
        ["symlinks-archived-as-links"] = new("excluded-link\nlinkdir/inner\n",
            ["realdir/inner", "linkdir -> realdir", "excluded-link -> realdir", "file-link -> realdir/inner", "dangling -> nowhere"],
            ["linkdir", "file-link", "dangling", "realdir/inner"], ["excluded-link", "linkdir/inner"]),
        ["empty-dirs"] = new("gone/\n",
            ["empty/", "gone/", "nested/empty/"], ["empty", "nested/empty"], ["gone"]),
        ["later-rules-win"] = new("*.txt\n!important.txt\nimportant.txt\n!*.md\nnotes.md\n",
            ["a.txt", "important.txt", "notes.md", "other.md"], ["other.md"], ["a.txt", "important.txt", "notes.md"]),
        ["exception-skipped-for-parent-stays-skipped"] = new("a/*\n!a\n",
            ["a/f", "a/sub/g", "b"], ["a", "b"], ["a/f", "a/sub"]),
        ["long-paths"] = new("**/skip.me\n",
            [LongPath, "deep/er/skip.me"], [LongPath, "deep/er"], ["deep/er/skip.me"]),
    };

    public static TheoryData<string> Names() => [.. Fixtures.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void SendsWhatTheDockerCliSends(string name)
    {
        var fixture = Fixtures[name];
        var context = Context(name, fixture);

        var cliId = DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" },
            "build", "-q", "-t", _images.Reference($"cx-{name}-cli"), context).Trim();
        _images.Track(cliId);
        var ours = _ps.Run($"Invoke-DockerBuild -Path '{context}' -Tag '{_images.Reference($"cx-{name}-ps")}'");
        Assert.Empty(ours.Errors);
        var ourId = (string)Assert.Single(ours.Property("Id"))!;
        _images.Track(ourId);

        var expected = Listing(cliId);
        Assert.Equal(expected, Listing(ourId));
        Assert.All(fixture.Sent, path => Assert.Contains("/ctx/" + path, expected));
        Assert.All(fixture.Left, path => Assert.DoesNotContain(expected, line => line == "/ctx/" + path || line.StartsWith($"/ctx/{path}/", StringComparison.Ordinal)));
    }

    private string Context(string name, Fixture fixture)
    {
        var root = Path.Join(_work.FullName, name);
        foreach (var file in fixture.Files)
        {
            var path = Path.Join(root, file.Split(" -> ")[0]);
            Directory.CreateDirectory(file.EndsWith('/') ? path : Path.GetDirectoryName(path)!);
            if (file.Split(" -> ") is [_, var target])
            {
                File.CreateSymbolicLink(path, target);
            }
            else if (!file.EndsWith('/'))
            {
                File.WriteAllText(path, file);
            }
        }
        File.WriteAllText(Path.Join(root, ".dockerignore"), fixture.Ignore);
        File.WriteAllText(Path.Join(root, "Dockerfile"), $"FROM {TestEnvironment.Image}\nCOPY . /ctx\n");
        return root;
    }

    private static string[] Listing(string image) =>
        DockerCli.Run("run", "--rm", image, "find", "/ctx").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
}
