using System.Collections;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Invoke-DockerBuild from a prepared archive (a tar file, plain or compressed; piped bytes or a stream) and from a
/// remote context the engine fetches (a tarball URL, a git repository) from a web server this test starts on
/// 127.0.0.1, which the Docker engines, in the host's network namespace, reach.
/// </summary>
public sealed partial class BuildTests
{
    /// <summary>The archive of the context folder (<see cref="_context"/>) as <c>tar -C dir -c .</c> makes it, entries named <c>./x</c>.</summary>
    private byte[] ContextTar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(_context, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                writer.WriteEntry(file, "./" + Path.GetRelativePath(_context, file));
            }
        }
        return tar.ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }
        return compressed.ToArray();
    }

    /// <summary>Writes bytes to a file elsewhere (not in the context); returns its path.</summary>
    private string Elsewhere(string name, byte[] bytes)
    {
        var path = Path.Combine(_elsewhere, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An engine that is not there: any call would be EngineUnreachable, so an error id says the check came first.</summary>
    private const string Nowhere = "-DockerHost unix:///nonexistent/docker.sock";

    [Fact]
    public void TarFilesPlainAndGzippedAreSentAsTheyAreWithTheirDockerfileInside()
    {
        Write("data/file.txt", "from the archive");
        Write("secret.txt", "not ignored");
        Write(".dockerignore", "secret.txt\n");
        Write("build/app.dockerfile", Dockerfile("COPY . /ctx", "CMD [\"cat\", \"/ctx/data/file.txt\"]"));
        var tar = ContextTar();
        var (plain, gzipped) = (Elsewhere("ctx.tar", tar), Elsewhere("ctx.tar.gz", Gzip(tar)));
        var (one, two) = (Tag("tar"), Tag("targz"));

        var first = _ps.Run($"Invoke-DockerBuild '{plain}' -Dockerfile build/app.dockerfile -Tag {one}");
        // A file from Get-Item or Get-ChildItem binds by its FullName.
        var second = _ps.Run($"[IO.FileInfo]::new('{gzipped}') | Invoke-DockerBuild -Dockerfile ./build/app.dockerfile -Tag {two}");

        Assert.Empty(RunResult.Described(first.Errors.Concat(second.Errors)));
        Assert.Equal("from the archive", RunIn(one));
        Assert.Equal("from the archive", RunIn(two));
        // Nothing is left out of a prepared archive: the .dockerignore is the directory's rule. Podman's builder
        // (buildah) applies the archive's own .dockerignore.
        Assert.Equal(!TestEngine.IsPodman, RunIn(one, "ls", "-A", "/ctx").Split('\n').Contains("secret.txt"));
        // A file's length is known: the upload shows how much of it is sent.
        var upload = first.Progress.Where(p => p.Activity == $"Uploading build context '{plain}'").ToArray();
        Assert.Contains(upload, p => p.StatusDescription.Contains(" of ", StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, upload[^1].RecordType);
    }

    [Fact]
    public void PipedBytesAndStreamsAreOneArchive()
    {
        Write("file.txt", "piped");
        Write("Dockerfile", Dockerfile("COPY file.txt /file.txt"));
        var tar = ContextTar();
        var gzipped = Elsewhere("ctx.tar.gz", Gzip(tar));
        var (raw, unrolled, stream) = (Tag("raw"), Tag("unrolled"), Tag("stream"));

        // One byte[] (as Get-Content -AsByteStream -Raw writes it); a byte[] piped as it is, which arrives a byte at a
        // time; a stream, read as it is sent.
        var fromRaw = _ps.Run($", [IO.File]::ReadAllBytes('{gzipped}') | Invoke-DockerBuild -Tag {raw}");
        var fromUnrolled = _ps.Run($"$bytes | Invoke-DockerBuild -Tag {unrolled}", new Hashtable { ["bytes"] = tar });
        var fromStream = _ps.Run($"$s = [IO.File]::OpenRead('{gzipped}'); try {{ $s | Invoke-DockerBuild -Tag {stream} }} finally {{ $s.Dispose() }}");

        Assert.Empty(RunResult.Described(fromRaw.Errors.Concat(fromUnrolled.Errors).Concat(fromStream.Errors)));
        Assert.Single(fromUnrolled.Output);
        Assert.Equal(["piped", "piped", "piped"], new[] { raw, unrolled, stream }.Select(tag => RunIn(tag, "cat", "/file.txt")));
        Assert.Equal("Uploading the piped archive", fromUnrolled.Progress.First().Activity);
    }

    [Fact]
    public void APreparedArchiveIsCheckedBeforeTheEngine()
    {
        Write("Dockerfile", Dockerfile());
        var tar = ContextTar();
        var text = Elsewhere("Dockerfile.txt", System.Text.Encoding.UTF8.GetBytes(Dockerfile()));
        var empty = Elsewhere("empty.tar", []);
        var archive = Elsewhere("ctx.tar", tar);

        var notArchive = _ps.Run($"Invoke-DockerBuild '{text}' {Nowhere}");
        var nothing = _ps.Run($"Invoke-DockerBuild '{empty}' {Nowhere}");
        var noDockerfile = _ps.Run($"Invoke-DockerBuild '{archive}' -Dockerfile other.dockerfile {Nowhere}");
        var content = _ps.Run($"'FROM scratch' | Invoke-DockerBuild '{archive}' {Nowhere}");
        var pipedText = _ps.Run($"Invoke-DockerBuild -ContextArchive $bytes {Nowhere}", new Hashtable { ["bytes"] = System.Text.Encoding.UTF8.GetBytes("FROM scratch\n") });

        Assert.StartsWith($"InvalidBuildContext,{Build}:", Assert.Single(RunResult.Described(notArchive.Errors)));
        Assert.Equal(ErrorCategory.InvalidData, notArchive.Errors[0].CategoryInfo.Category);
        Assert.Contains("is not a tar archive", notArchive.Errors[0].Exception.Message);
        Assert.StartsWith($"InvalidBuildContext,{Build}:", Assert.Single(RunResult.Described(nothing.Errors)));
        Assert.StartsWith($"DockerfileNotFound,{Build}:", Assert.Single(RunResult.Described(noDockerfile.Errors)));
        Assert.StartsWith($"DockerfileContentNeedsDirectory,{Build}:", Assert.Single(RunResult.Described(content.Errors)));
        Assert.StartsWith($"InvalidBuildContext,{Build}:", Assert.Single(RunResult.Described(pipedText.Errors)));
        Assert.Equal("the piped archive", pipedText.Errors[0].TargetObject);
    }

    [Fact]
    public void AnArchiveTheEngineCannotUnpackIsInvalid()
    {
        Write("Dockerfile", Dockerfile());
        // A gzip header and then garbage: it looks like an archive until the engine unpacks it.
        var broken = Gzip(ContextTar())[..40].Concat(new byte[200]).ToArray();

        var result = _ps.Run($"Invoke-DockerBuild -ContextArchive $bytes -Tag {Tag("broken")}", new Hashtable { ["bytes"] = broken });

        // Docker answers 500 with Go's archive error, Podman a 500 without a word.
        Assert.StartsWith($"InvalidBuildContext,{Build}:", Assert.Single(RunResult.Described(result.Errors)));
        Assert.Empty(result.Output);
    }

    [Fact]
    public void WhatIfBuildsNoArchive()
    {
        Write("Dockerfile", Dockerfile("RUN true"));
        var archive = Elsewhere("ctx.tar", ContextTar());
        var tag = Tag("whatif-archive");

        var result = _ps.Run($"Invoke-DockerBuild '{archive}' -Tag {tag} -WhatIf; $s = [IO.File]::OpenRead('{archive}'); try {{ $s | Invoke-DockerBuild -Tag {tag} -WhatIf }} finally {{ $s.Dispose() }}");

        Assert.Empty(RunResult.Described(result.Errors));
        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Build image {tag}\" on target \"'{archive}'\".", result.HostText);
        Assert.Contains($"What if: Performing the operation \"Build image {tag}\" on target \"the piped archive\".", result.HostText);
        Assert.False(Exists(tag));
    }

    /// <summary>The context folder's files served as a gzipped tarball; returns the server.</summary>
    private StaticHttpServer ServeContext(string file)
    {
        var www = Directory.CreateDirectory(Path.Combine(_elsewhere, "www")).FullName;
        File.WriteAllBytes(Path.Combine(www, file), Gzip(ContextTar()));
        return new StaticHttpServer(www);
    }

    [SkippableFact]
    public void ATarballUrlIsDownloadedByTheEngine()
    {
        TestEngine.SkipOnPodman("its API takes no remote context (it builds an empty one), and its service's network namespace does not reach the test's server");
        Write("data/file.txt", "downloaded");
        Write("Dockerfile", Dockerfile("COPY data/file.txt /file.txt"));
        using var server = ServeContext("ctx.tar.gz");
        var tag = Tag("url");

        var result = _ps.Run($"Invoke-DockerBuild {server.Url("ctx.tar.gz")} -Tag {tag}");

        Assert.Empty(RunResult.Described(result.Errors));
        Assert.Equal("downloaded", RunIn(tag, "cat", "/file.txt"));
        Assert.Equal(ImageId(tag), Assert.Single(result.Output).Properties["Id"].Value);
        // The engine fetched it (nothing was uploaded), and said how far its download was.
        Assert.Contains($"GET /ctx.tar.gz", server.Requests);
        Assert.DoesNotContain(result.Progress, p => p.Activity.StartsWith("Uploading", StringComparison.Ordinal));
        var download = result.Progress.Where(p => p.Activity == $"Downloading build context {server.Url("ctx.tar.gz")}").ToArray();
        Assert.NotEmpty(download);
        Assert.Equal(ProgressRecordType.Completed, download[^1].RecordType);
    }

    /// <summary>A bare git repository of the context folder (one commit on main, tagged v1) under the server's folder, served over git's dumb HTTP protocol.</summary>
    private void GitRepository(string www, string name)
    {
        static void Git(string directory, params string[] args)
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-c", "user.name=DockerPS tests", "-c", "user.email=tests@dockerps.invalid", "-c", "init.defaultBranch=main" }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }
            using var git = Process.Start(start)!;
            var error = git.StandardError.ReadToEndAsync();
            git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error.Result}");
        }
        Git(_context, "init", "-q");
        Git(_context, "add", "-A");
        Git(_context, "commit", "-q", "-m", "context");
        Git(_context, "tag", "v1");
        Git(www, "clone", "-q", "--bare", _context, name);
        Git(Path.Combine(www, name), "update-server-info");
    }

    [SkippableFact]
    public void AGitRepositoryIsClonedByTheEngineAtARefAndFolder()
    {
        TestEngine.SkipOnPodman("its API takes no remote context (it builds an empty one), and its service's network namespace does not reach the test's server");
        Write("docker/app.txt", "from git");
        Write("docker/build/app.dockerfile", Dockerfile("COPY app.txt /app.txt"));
        Write("Dockerfile", Dockerfile("RUN false"));
        var www = Directory.CreateDirectory(Path.Combine(_elsewhere, "www")).FullName;
        GitRepository(www, "app.git");
        using var server = new StaticHttpServer(www);
        var tag = Tag("git");

        // #ref:folder, and -Dockerfile a path inside that folder.
        var result = _ps.Run($"Invoke-DockerBuild '{server.Url("app.git")}#v1:docker' -Dockerfile build/app.dockerfile -Tag {tag}");

        Assert.Empty(RunResult.Described(result.Errors));
        Assert.Equal("from git", RunIn(tag, "cat", "/app.txt"));
        Assert.Contains(server.Requests, r => r.StartsWith("GET /app.git/info/refs", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void ARemoteContextTheEngineCannotFetchIsUnavailable()
    {
        TestEngine.SkipOnPodman("its API takes no remote context (it builds an empty one), and its service's network namespace does not reach the test's server");
        Write("Dockerfile", Dockerfile());
        var www = Directory.CreateDirectory(Path.Combine(_elsewhere, "www")).FullName;
        GitRepository(www, "app.git");
        File.WriteAllBytes(Path.Combine(www, "random.bin"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());
        using var server = new StaticHttpServer(www);

        var missing = _ps.Run($"Invoke-DockerBuild {server.Url("missing.tar.gz")}");
        var noRef = _ps.Run($"Invoke-DockerBuild '{server.Url("app.git")}#no-such-ref'");
        var notArchive = _ps.Run($"Invoke-DockerBuild {server.Url("random.bin")}");
        var credential = _ps.Run($"Invoke-DockerBuild {server.Url("app.git")} -Credential $cred {Nowhere}", RegistryCredential);

        Assert.StartsWith($"BuildContextUnavailable,{Build}:", Assert.Single(RunResult.Described(missing.Errors)));
        Assert.Equal(ErrorCategory.ResourceUnavailable, missing.Errors[0].CategoryInfo.Category);
        Assert.Contains("404", missing.Errors[0].Exception.Message);
        Assert.Equal(server.Url("missing.tar.gz"), missing.Errors[0].TargetObject);
        Assert.StartsWith($"BuildContextUnavailable,{Build}:", Assert.Single(RunResult.Described(noRef.Errors)));
        Assert.StartsWith($"InvalidBuildContext,{Build}:", Assert.Single(RunResult.Described(notArchive.Errors)));
        Assert.StartsWith($"CredentialNeedsDockerfile,{Build}:", Assert.Single(RunResult.Described(credential.Errors)));
    }
}
