using System.Management.Automation;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Copy-DockerItem against the real engine: byte-for-byte round trips, and every docker cp rule run side by side
/// with the docker CLI on the same engine, comparing the trees each leaves.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
[UnsupportedOSPlatform("windows")]
public sealed class CopyTests(EngineFixture fixture) : IDisposable
{
    private const string Command = "DockerPS.Commands.CopyDockerItemCommand";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("dps-copy-");
    private readonly TestContainers _containers = new(fixture);

    public void Dispose()
    {
        _work.Delete(recursive: true);
        _containers.Dispose();
    }

    private string Container(bool start, params string[] command) => _containers.Create(start, command);

    private string At(string relative) => Path.Join(_work.FullName, relative);

    [SkippableFact]
    public void ATreeOfAThousandFilesGoesInAndComesBackIdentical()
    {
        TestEngine.SkipOnPodman("Podman 4.3 shifts the modification time of copied files by up to a second");
        var source = At("tree");
        MakeTree(source);
        var container = Container(true, "sleep", "600");

        var inResult = _ps.Run($"Copy-DockerItem '{source}' '{container}:/data'");
        var outResult = _ps.Run($"Copy-DockerItem '{container}:/data' '{At("back")}'");

        Assert.Empty(inResult.Errors);
        Assert.Empty(outResult.Errors);
        var local = LocalTree(source);
        Assert.Equal(1000, local.Count(e => e.Value.StartsWith("f|", StringComparison.Ordinal)));
        Assert.Equal(local, ContainerTree(container, "/data"));
        Assert.Equal(local, LocalTree(At("back")));
    }

    /// <summary>
    /// docker cp's rules, each case as a source under the source root, a destination under the destination root,
    /// and the error id copying into a container and out of one (null: the copy succeeds). Each root holds srcfile,
    /// srcdir, existfile, existdir, linkdir (a link to existdir) and conflict (with a directory srcfile and a file srcdir).
    /// </summary>
    public static TheoryData<string, string, string?, string?> Rules() => new()
    {
        { "srcfile", "newfile", null, null },
        { "srcfile", "missing/", "DestinationDirectoryNotFound", "DestinationDirectoryNotFound" },
        { "srcfile", "existfile", null, null },
        // The engine cannot stat 'existfile/', which the CLI takes for missing; locally it is not a directory.
        { "srcfile", "existfile/", "DestinationDirectoryNotFound", "NotADirectory" },
        { "srcfile", "existdir", null, null },
        { "srcfile", "existdir/", null, null },
        { "srcfile", "linkdir", null, null },
        { "srcfile", "nodir/x", "DestinationParentNotFound", "DestinationParentNotFound" },
        { "srcfile", "conflict", "FileOntoDirectory", "FileOntoDirectory" },
        { "srcfile/", "existdir", "NotADirectory", "NotADirectory" },
        { "srcdir", "newdir", null, null },
        { "srcdir", "newdir/", null, null },
        { "srcdir", "existdir", null, null },
        { "srcdir/", "existdir", null, null },
        { "srcdir", "linkdir", null, null },
        { "srcdir", "existfile", "DirectoryOntoFile", "DirectoryOntoFile" },
        { "srcdir", "conflict", "DirectoryOntoFile", "DirectoryOntoFile" },
        { "srcdir/.", "existdir", null, null },
        { "srcdir/.", "newdir", null, null },
        { "nothing", "existdir", "LocalPathNotFound", "ContainerPathNotFound" },
    };

    [SkippableTheory]
    [MemberData(nameof(Rules))]
    public void IntoAContainerFollowsTheSameRulesAsDockerCp(string source, string destination, string? errorId, string? _)
    {
        Skip.If(TestEngine.IsPodman && errorId is "DestinationDirectoryNotFound" or "DestinationParentNotFound",
            "Podman: its archive endpoint takes a destination whose folder does not exist, which Docker refuses (docker cp against Podman does not fail)");
        MakeSources(At("src"));
        var container = Container(true, "sleep", "600");
        DockerCli.Run("exec", container, "sh", "-c",
            // /ps is a copy of /cli with the same times, which two separate makes could straddle a second apart.
            "b=/cli; mkdir -p $b/existdir $b/conflict/srcfile && echo old > $b/existfile && echo old > $b/conflict/srcdir && ln -s existdir $b/linkdir && cp -a /cli /ps");

        var cliFailed = Fails(() => DockerCli.Run("cp", At("src/" + source), $"{container}:/cli/{destination}"));
        var result = _ps.Run($"Copy-DockerItem '{At("src/" + source)}' '{container}:/ps/{destination}'");

        Assert.Equal(errorId is not null, cliFailed);
        Assert.Equal(errorId is null ? [] : new[] { $"{errorId},{Command}" }, result.ErrorIds);
        Assert.Equal(ContainerTree(container, "/cli"), ContainerTree(container, "/ps"));
    }

    [SkippableTheory]
    [MemberData(nameof(Rules))]
    public void OutOfAContainerFollowsTheSameRulesAsDockerCp(string source, string destination, string? _, string? errorId)
    {
        Skip.If(TestEngine.IsPodman && source == "srcfile/", "Podman: its archive endpoint serves a file named with a trailing slash, which Docker refuses (docker cp against Podman does not fail)");
        var container = Container(true, "sleep", "600");
        MakeSources(At("src"));
        DockerCli.Run("cp", At("src/."), $"{container}:/src");
        foreach (var root in new[] { At("cli"), At("ps") })
        {
            Directory.CreateDirectory(Path.Join(root, "existdir"));
            Directory.CreateDirectory(Path.Join(root, "conflict/srcfile"));
            File.WriteAllText(Path.Join(root, "existfile"), "old\n");
            File.WriteAllText(Path.Join(root, "conflict/srcdir"), "old\n");
            File.CreateSymbolicLink(Path.Join(root, "linkdir"), "existdir");
        }
        // The two trees' files were written apart, possibly a second apart: ps gets cli's times.
        foreach (var file in new[] { "existfile", "conflict/srcdir" })
        {
            File.SetLastWriteTimeUtc(Path.Join(At("ps"), file), File.GetLastWriteTimeUtc(Path.Join(At("cli"), file)));
        }

        // Podman's archive of 'DIR/.' has no './' top entry, and docker cp renames entries by replacing their first '.',
        // so against Podman it writes 'DIR/.'s files beside a destination it has to create; copying 'DIR' there makes
        // the tree docker cp makes against Docker.
        var cliSource = TestEngine.IsPodman && source.EndsWith("/.", StringComparison.Ordinal) && destination == "newdir" ? source[..^2] : source;
        var cliFailed = Fails(() => DockerCli.Run("cp", $"{container}:/src/{cliSource}", At("cli/" + destination)));
        var result = _ps.Run($"Copy-DockerItem '{container}:/src/{source}' '{At("ps/" + destination)}'");

        Assert.Equal(errorId is not null, cliFailed);
        Assert.Equal(errorId is null ? [] : new[] { $"{errorId},{Command}" }, result.ErrorIds);
        Assert.Equal(LocalTree(At("cli")), LocalTree(At("ps")));
    }

    [SkippableFact]
    public void RelativeLocalPathsAreRelativeToTheCurrentLocation()
    {
        TestEngine.SkipOnPodman("Podman 4.3 shifts the modification time of copied files by up to a second");
        MakeSources(At("src"));
        var container = Container(true, "sleep", "600");

        var result = _ps.Run($"$path = $ExecutionContext.SessionState.Path; $here = $path.CurrentLocation.Path; $null = $path.SetLocation('{At("src")}'); " +
            $"try {{ Copy-DockerItem ./srcdir {container}:srcdir; Copy-DockerItem {container}:/srcdir/sub ../back }} finally {{ $null = $path.SetLocation($here) }}");

        Assert.Empty(result.Errors);
        Assert.Equal(LocalTree(At("src/srcdir")), ContainerTree(container, "/srcdir"));
        Assert.Equal(LocalTree(At("src/srcdir/sub")), LocalTree(At("back")));
    }

    [Fact]
    public void LargeCopiesReportBytesDoneOfTheTotal()
    {
        var file = At("large.bin");
        WriteRandom(file, 48 << 20, seed: 7);
        var container = Container(true, "sleep", "600");

        var upload = _ps.Run($"Copy-DockerItem '{file}' '{container}:/large.bin'");
        var download = _ps.Run($"Copy-DockerItem '{container}:/large.bin' '{At("back.bin")}'");

        Assert.Empty(upload.Errors);
        Assert.Empty(download.Errors);
        foreach (var progress in new[] { upload.Progress, download.Progress })
        {
            Assert.Contains(progress, p => p.StatusDescription == "50.3MB of 50.3MB" && p.PercentComplete == 100);
            Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
            Assert.All(progress, p => Assert.StartsWith("Copying ", p.Activity));
        }
        Assert.Equal(Sha256(file), Sha256(At("back.bin")));
    }

    [Fact]
    public void WhatIfCopiesNothing()
    {
        MakeSources(At("src"));
        var container = Container(true, "sleep", "600");

        var result = _ps.Run($"Copy-DockerItem '{At("src/srcdir")}' '{container}:/new' -WhatIf; Copy-DockerItem '{container}:/etc' '{At("etc")}' -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Copy to {container}:/new\" on target \"{At("src/srcdir")}\".", result.HostText);
        Assert.True(Fails(() => DockerCli.Run("exec", container, "test", "-e", "/new")));
        Assert.False(Directory.Exists(At("etc")));
    }

    [Fact]
    public void PipedContainersAreCopiedIntoAndAnUnknownOneIsAnErrorForItself()
    {
        MakeSources(At("src"));
        var a = Container(true, "sleep", "600");
        var b = Container(true, "sleep", "600");
        var unknown = $"nosuch-{fixture.RunId}";

        var result = _ps.Run($"'{a}', '{unknown}', '{b}' | Copy-DockerItem -Path '{At("src/srcfile")}' -Destination /tmp/ -ToContainer -PassThru");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(unknown, error.TargetObject);
        Assert.Equal(new object[] { a, b }, result.Property("Container"));
        Assert.Equal(new object[] { "/tmp/srcfile", "/tmp/srcfile" }, result.Property("Path"));
        Assert.Equal("DockerPS.ContainerPathInfo", result.Output[0].BaseObject.GetType().FullName);
        foreach (var container in new[] { a, b })
        {
            Assert.Equal("file\n", DockerCli.Run("exec", container, "cat", "/tmp/srcfile"));
        }
    }

    [Fact]
    public void ContainerObjectsPipeInAndThePassThruIsTheLocalItem()
    {
        var container = Container(true, "sh", "-c", "echo hello > /greeting; sleep 600");
        DockerCli.Run("exec", container, "sh", "-c", "while [ ! -s /greeting ]; do sleep 0.1; done");

        var result = _ps.Run($"Get-DockerContainer {container} | Copy-DockerItem -Path /greeting -Destination '{At("greeting.txt")}' -FromContainer -PassThru");

        Assert.Empty(result.Errors);
        var item = Assert.Single(result.Output);
        Assert.IsType<FileInfo>(item.BaseObject);
        Assert.Equal(At("greeting.txt"), item.Properties["FullName"].Value);
        Assert.Equal("hello\n", File.ReadAllText(At("greeting.txt")));
    }

    [Theory]
    [InlineData("'{0}' '{1}'", "ContainerPathRequired")]
    [InlineData("'c1:/a' 'c2:/b'", "CopyBetweenContainers")]
    public void DockerSyntaxNeedsExactlyOneContainer(string arguments, string errorId)
    {
        var result = _ps.Run("Copy-DockerItem " + string.Format(arguments, At("a"), At("b")));

        Assert.Equal($"{errorId},{Command}", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
    }

    [Fact]
    public void UnknownContainersAndPathsAreErrorsOfTheirOwn()
    {
        var container = Container(false, "true");
        var unknown = $"nosuch-{fixture.RunId}";

        var result = _ps.Run(
            $"Copy-DockerItem '{unknown}:/etc' '{At("x")}'; Copy-DockerItem '{At("nothing")}' '{container}:/tmp'; " +
            $"Copy-DockerItem '{container}:/nothing' '{At("x")}'; Copy-DockerItem '{container}:/etc/hosts' '{At("nodir/x")}'; " +
            $"Copy-DockerItem '{container}:/etc' '{At("env")}' -Context definitely-not-a-context-{fixture.RunId}");

        Assert.Equal(
            new[] { "ContainerNotFound", "LocalPathNotFound", "ContainerPathNotFound", "DestinationParentNotFound", "ContextNotFound" },
            result.ErrorIds.Select(id => id.Split(',')[0]));
        Assert.Equal(new object[] { unknown, At("nothing"), "/nothing", At("nodir/x") }, result.Errors.Take(4).Select(e => e.TargetObject));
    }

    [Fact]
    public void CompletesContainerNamesWithAColon()
    {
        var container = Container(false, "true");

        Assert.Contains(container + ":", Completion.Complete(_ps, $"Copy-DockerItem {container[..8]}"));
        Assert.Contains(container + ":", Completion.Complete(_ps, $"Copy-DockerItem ./here {container[..8]}"));
        Assert.Contains(container, Completion.Complete(_ps, $"Copy-DockerItem -FromContainer -Container {container[..8]}"));
        Assert.Empty(Completion.Complete(_ps, $"Copy-DockerItem {container}:/"));
    }

    private static bool Fails(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>A file and a directory to copy: srcfile, and srcdir with a file, an executable and a subdirectory.</summary>
    private static void MakeSources(string root)
    {
        Directory.CreateDirectory(Path.Join(root, "srcdir/sub"));
        File.WriteAllText(Path.Join(root, "srcfile"), "file\n");
        File.WriteAllText(Path.Join(root, "srcdir/a"), "a\n");
        File.WriteAllText(Path.Join(root, "srcdir/run"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Join(root, "srcdir/run"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Join(root, "srcdir/sub/b"), "b\n");
    }

    /// <summary>
    /// 1,000 files in nested directories: sizes from empty to several MB, an executable (0755), a private file
    /// (0600), a name with spaces and UTF-8, and a symbolic link.
    /// </summary>
    private static void MakeTree(string root)
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var name = i switch
            {
                0 => "bin/run.sh",
                1 => "secret/key",
                2 => "docs/name with spaces ü€ 日本.txt",
                3 => "big/blob.bin",
                _ => $"d{i % 10}/s{i % 7}/{(i % 3 == 0 ? "deep/" : "")}file-{i}.dat",
            };
            var path = Path.Join(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            WriteRandom(path, i == 3 ? 5 << 20 : i % 50 == 0 ? 0 : random.Next(1, 40_000), seed: i);
        }
        File.SetUnixFileMode(Path.Join(root, "bin/run.sh"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Join(root, "secret/key"), (UnixFileMode)0b110_000_000);
        File.CreateSymbolicLink(Path.Join(root, "latest"), "d4/s4/file-4.dat");
    }

    private static void WriteRandom(string path, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// Every entry under a local directory as "kind|mode|mtime|sha256" (files), "d|mode" (directories, whose times
    /// change with their contents) or "l|target" (links), keyed by "./relative/path" as find prints it.
    /// </summary>
    private static SortedDictionary<string, string> LocalTree(string root)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Walk(DirectoryInfo directory, string relative)
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
            {
                var name = relative + "/" + entry.Name;
                if (entry.LinkTarget is { } target)
                {
                    tree[name] = "l|" + target;
                }
                else if (entry is DirectoryInfo sub)
                {
                    tree[name] = "d|" + Mode(entry.UnixFileMode);
                    Walk(sub, name);
                }
                else
                {
                    tree[name] = $"f|{Mode(entry.UnixFileMode)}|{new DateTimeOffset(entry.LastWriteTimeUtc).ToUnixTimeSeconds()}|{Sha256(entry.FullName)}";
                }
            }
        }
        Walk(new DirectoryInfo(root), ".");
        return tree;
    }

    /// <summary>The same listing of a directory in a container, made there with busybox find, stat, readlink and sha256sum.</summary>
    private static SortedDictionary<string, string> ContainerTree(string container, string root)
    {
        const string script = """
            cd "$1" && find . -mindepth 1 | while IFS= read -r p; do
              if [ -L "$p" ]; then echo "$p|l|$(readlink "$p")"
              elif [ -d "$p" ]; then echo "$p|d|$(stat -c %a "$p")"
              else echo "$p|f|$(stat -c '%a|%Y' "$p")|$(sha256sum < "$p" | cut -d' ' -f1)"; fi
            done
            """;
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in DockerCli.Run("exec", container, "sh", "-c", script, "sh", root).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var bar = line.IndexOf('|');
            tree[line[..bar]] = line[(bar + 1)..];
        }
        return tree;
    }

    private static string Mode(UnixFileMode mode) => Convert.ToString((int)mode, 8);
}
