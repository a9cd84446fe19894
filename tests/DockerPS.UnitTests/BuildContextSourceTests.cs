using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using DockerPS.Archive;
using DockerPS.Build;
using DockerPS.Errors;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>What a build's context argument names, told as <c>docker build</c> tells it (build.DetectContextType, urlutil).</summary>
public sealed class BuildContextLocationTests
{
    private static readonly Dictionary<string, bool> Local = new()
    {
        ["./app"] = true,
        ["ctx.tar"] = false,
        // A local folder whose name looks like a git repository is still the folder, as with the docker CLI.
        ["github.com/team/app"] = true,
    };

    private static BuildContextKind? Detect(string context) => BuildContextLocation.Detect(context, path => Local.TryGetValue(path, out var directory) ? directory : null);

    [Theory]
    [InlineData("-", BuildContextKind.StandardInput)]
    [InlineData("./app", BuildContextKind.Directory)]
    [InlineData("ctx.tar", BuildContextKind.ArchiveFile)]
    [InlineData("github.com/team/app", BuildContextKind.Directory)]
    [InlineData("github.com/team/other", BuildContextKind.GitRepository)]
    [InlineData("https://github.com/team/app.git", BuildContextKind.GitRepository)]
    [InlineData("https://github.com/team/app.git#v1.0:docker", BuildContextKind.GitRepository)]
    [InlineData("git@github.com:team/app.git#main", BuildContextKind.GitRepository)]
    [InlineData("git://git.example.com/app", BuildContextKind.GitRepository)]
    [InlineData("https://example.com/ctx.tar.gz", BuildContextKind.Url)]
    [InlineData("http://127.0.0.1:8080/Dockerfile", BuildContextKind.Url)]
    [InlineData("https://github.com/team/app.git#", BuildContextKind.Url)]
    [InlineData("missing", null)]
    [InlineData("ftp://example.com/ctx.tar", null)]
    public void LocalComesFirstThenGitThenUrls(string context, BuildContextKind? kind) => Assert.Equal(kind, Detect(context));

    // urlutil_test.go's cases, which the CLI and the engine share.
    [Theory]
    [InlineData("git://github.com/docker/docker", true)]
    [InlineData("git@github.com:docker/docker.git", true)]
    [InlineData("git@bitbucket.org:atlassianlabs/atlassian-docker.git", true)]
    [InlineData("https://github.com/docker/docker.git", true)]
    [InlineData("http://github.com/docker/docker.git", true)]
    [InlineData("http://github.com/docker/docker.git#branch", true)]
    [InlineData("http://github.com/docker/docker.git#:dir", true)]
    [InlineData("github.com/docker/docker", true)]
    [InlineData("http://github.com/docker/docker.git:#branch", false)]
    [InlineData("https://github.com/docker/dgit", false)]
    // Go's regexp is unanchored at the start: a .git before the end of a fragment counts.
    [InlineData("https://example.com/a#b.git", true)]
    [InlineData("https://example.com/a.git/b", false)]
    public void GitUrlsAreWhatUrlutilSays(string text, bool git) => Assert.Equal(git, BuildContextLocation.IsGitUrl(text));

    [Theory]
    [InlineData(BuildContextKind.GitRepository, true)]
    [InlineData(BuildContextKind.Url, true)]
    [InlineData(BuildContextKind.Directory, false)]
    [InlineData(BuildContextKind.ArchiveFile, false)]
    [InlineData(BuildContextKind.StandardInput, false)]
    public void OnlyGitAndUrlsAreFetchedByTheEngine(BuildContextKind kind, bool remote) => Assert.Equal(remote, BuildContextLocation.IsRemote(kind));

    [Theory]
    [InlineData("https://user:token@github.com/team/app.git#v1", "https://(redacted)@github.com/team/app.git#v1")]
    [InlineData("https://token@example.com/ctx.tar", "https://(redacted)@example.com/ctx.tar")]
    [InlineData("https://example.com/a@b/ctx.tar", "https://example.com/a@b/ctx.tar")]
    [InlineData("https://example.com/ctx.tar?sig=a@b", "https://example.com/ctx.tar?sig=a@b")]
    [InlineData("git@github.com:team/app.git", "git@github.com:team/app.git")]
    [InlineData("https://", "https://")]
    [InlineData("./app", "./app")]
    public void UserInformationIsLeftOutOfMessages(string context, string shown) => Assert.Equal(shown, BuildContextLocation.Redact(context));
}

/// <summary>A prepared build context: told from other bytes as the docker CLI's isArchive tells it, and read for its Dockerfile.</summary>
public sealed class BuildArchiveTests
{
    private const string Dockerfile = "FROM busybox\nCOPY . /app\n";

    private static byte[] Tar(params (string Name, string Content)[] files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
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

    private static byte[] Padded(params byte[] head) => [.. head, .. new byte[2048]];

    public static TheoryData<byte[], ArchiveFormat> Formats() => new()
    {
        { Tar(("Dockerfile", Dockerfile)), ArchiveFormat.Tar },
        { Gzip(Tar(("Dockerfile", Dockerfile))), ArchiveFormat.Gzip },
        { Padded(0x42, 0x5A, 0x68, 0x39), ArchiveFormat.Bzip2 },
        { Padded(0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00), ArchiveFormat.Xz },
        { Padded(0x28, 0xB5, 0x2F, 0xFD), ArchiveFormat.Zstd },
        { Padded(0x50, 0x2A, 0x4D, 0x18), ArchiveFormat.Zstd },
        // An empty tar: its end-of-archive blocks.
        { new byte[1024], ArchiveFormat.Tar },
        { Encoding.UTF8.GetBytes(Dockerfile), ArchiveFormat.None },
        { Padded(0x50, 0x4B, 0x03, 0x04), ArchiveFormat.None },
        { [], ArchiveFormat.None },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void FormatsAreToldByTheirFirstBytes(byte[] bytes, ArchiveFormat format) =>
        Assert.Equal(format, BuildArchive.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, BuildArchive.HeaderLength))));

    [Fact]
    public void ATarHeaderWithAWrongChecksumIsNotATar()
    {
        var tar = Tar(("Dockerfile", Dockerfile));
        tar[0] ^= 1;

        Assert.Equal(ArchiveFormat.None, BuildArchive.Sniff(tar.AsSpan(0, BuildArchive.HeaderLength)));
    }

    [Fact]
    public void ATarHeaderWhoseChecksumCountsBytesAsSignedIsATar()
    {
        // Go's reader accepts the checksum of old tars that summed the header's bytes as signed.
        var tar = Tar(("D\u00e9ckerfile", Dockerfile));
        var block = tar.AsSpan(0, 512);
        long signed = 0;
        for (var i = 0; i < 512; i++)
        {
            signed += i is >= 148 and < 156 ? ' ' : (sbyte)block[i];
        }
        Encoding.ASCII.GetBytes(Convert.ToString(signed, 8).PadLeft(6, '0') + "\0 ").CopyTo(block[148..]);

        Assert.Equal(ArchiveFormat.Tar, BuildArchive.Sniff(tar.AsSpan(0, BuildArchive.HeaderLength)));
    }

    [Theory]
    [InlineData("Dockerfile", "./Dockerfile", DockerfileLookup.Found)]
    [InlineData("build/app.dockerfile", "build/app.dockerfile", DockerfileLookup.Found)]
    [InlineData("./build/app.dockerfile", "build/app.dockerfile", DockerfileLookup.Found)]
    [InlineData("Dockerfile", "dockerfile", DockerfileLookup.Found)]
    [InlineData("Dockerfile", "other/Dockerfile", DockerfileLookup.Missing)]
    [InlineData("app.dockerfile", "App.dockerfile", DockerfileLookup.Missing)]
    public void TheDockerfileIsFoundAsTheEngineFindsIt(string asked, string entry, DockerfileLookup lookup)
    {
        foreach (var (bytes, format) in new[] { (Tar((entry, Dockerfile), ("other.txt", "x")), ArchiveFormat.Tar), (Gzip(Tar((entry, Dockerfile))), ArchiveFormat.Gzip) })
        {
            using var stream = new MemoryStream(bytes);

            var (found, content) = BuildArchive.FindDockerfile(stream, format, asked);

            Assert.Equal(lookup, found);
            Assert.Equal(lookup == DockerfileLookup.Found ? Dockerfile : null, content is null ? null : Encoding.UTF8.GetString(content));
        }
    }

    [Fact]
    public void DockerfileWinsOverTheLowercaseName()
    {
        using var stream = new MemoryStream(Tar(("dockerfile", "lower"), ("Dockerfile", "upper")));

        Assert.Equal("upper", Encoding.UTF8.GetString(BuildArchive.FindDockerfile(stream, ArchiveFormat.Tar, "Dockerfile").Content!));
    }

    [Fact]
    public void CompressionsDotNetCannotReadAndBrokenArchivesAreLeftToTheEngine()
    {
        using var xz = new MemoryStream(Padded(0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00));
        var tar = Tar(("a", new string('x', 4000)), ("Dockerfile", Dockerfile));
        using var cut = new MemoryStream(tar[..1500]);

        Assert.Equal(DockerfileLookup.Unknown, BuildArchive.FindDockerfile(xz, ArchiveFormat.Xz, "Dockerfile").Lookup);
        Assert.Equal(DockerfileLookup.Unknown, BuildArchive.FindDockerfile(cut, ArchiveFormat.Tar, "Dockerfile").Lookup);
    }

    private static async Task<byte[]> Sent(BuildContextBody body, TransferProgress progress)
    {
        using var content = body.CreateContent(progress);
        using var sent = new MemoryStream();
        await content.CopyToAsync(sent);
        return sent.ToArray();
    }

    [Fact]
    public async Task AStreamThatCannotSeekIsSentWholeWithTheBytesReadToTellItsFormat()
    {
        var bytes = Gzip(Tar(("Dockerfile", Dockerfile), ("big", new string('y', 100_000))));
        using var archive = PreparedArchive.FromStream(new ForwardOnly(bytes), "standard input", ownsStream: true);
        var progress = new TransferProgress();

        Assert.Equal(ArchiveFormat.Gzip, archive.Format);
        Assert.False(archive.CanRewind);
        Assert.Null(archive.Length);
        Assert.Equal(DockerfileLookup.Unknown, archive.FindDockerfile("Dockerfile").Lookup);
        Assert.Equal(bytes, await Sent(archive, progress));
        Assert.Equal(bytes.Length, progress.Bytes);
        Assert.Equal(-1, progress.Total);
    }

    [Fact]
    public async Task ARewindableCopyIsSentAgainAndAgain()
    {
        var bytes = Tar(("Dockerfile", Dockerfile));
        using var once = PreparedArchive.FromStream(new ForwardOnly(bytes), "standard input", ownsStream: true);
        using var again = once.Rewindable();

        Assert.True(again.CanRewind);
        Assert.Equal(Dockerfile, Encoding.UTF8.GetString(again.FindDockerfile("Dockerfile").Content!));
        Assert.Equal(bytes, await Sent(again, new TransferProgress()));
        Assert.Equal(bytes, await Sent(again, new TransferProgress()));
    }

    [Fact]
    public async Task AStreamIsReadFromWhereItIsAndItsLengthSent()
    {
        var bytes = Tar(("Dockerfile", Dockerfile));
        using var stream = new MemoryStream([.. "skip"u8, .. bytes]) { Position = 4 };
        using var archive = PreparedArchive.FromStream(stream, "the piped archive", ownsStream: false);
        var progress = new TransferProgress();

        Assert.Equal(ArchiveFormat.Tar, archive.Format);
        Assert.Equal(bytes.Length, archive.Length);
        Assert.Equal(DockerfileLookup.Found, archive.FindDockerfile("Dockerfile").Lookup);
        using var content = archive.CreateContent(progress);
        Assert.Equal(bytes.Length, content.Headers.ContentLength);
        Assert.Equal(bytes, await Sent(archive, progress));
        Assert.Equal(bytes.Length, progress.Total);
        archive.Dispose();
        Assert.True(stream.CanRead, "a stream the caller gave stays open");
    }

    [Fact]
    public void AFileThatCannotBeReadIsALocalFailure()
    {
        var e = Assert.Throws<CopyException>(() => PreparedArchive.FromFile("/nonexistent/ctx.tar"));
        Assert.Equal(ErrorCatalog.LocalFileError, e.Code);
    }

    /// <summary>A stream that reads once, as standard input does.</summary>
    private sealed class ForwardOnly(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 700));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
    }
}

/// <summary>What the engine's refusals of a build request mean, by what was sent.</summary>
public sealed class BuildRefusalTests
{
    private static DockerEngineException Answer(HttpStatusCode status, string message) =>
        new(status == HttpStatusCode.NotFound ? ErrorCatalog.NotFound : ErrorCatalog.EngineError, message, statusCode: status);

    [Fact]
    public void AMissingDockerfileIsDockerfileNotFoundWhateverTheContext()
    {
        var refusal = BuildOperations.Refusal(Answer(HttpStatusCode.InternalServerError, "Cannot locate specified Dockerfile: app.dockerfile"),
            new BuildSpec { Remote = "https://example.com/ctx.tar" }, null);

        Assert.Equal(ErrorCatalog.DockerfileNotFound, refusal!.Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, "error downloading remote context https://example.com/ctx.tar: failed to GET https://example.com/ctx.tar with status 404 Not Found: ")]
    [InlineData(HttpStatusCode.InternalServerError, "error fetching: fatal: couldn't find remote ref master\n: exit status 128")]
    public void ARemoteContextTheEngineCannotFetchIsUnavailable(HttpStatusCode status, string message)
    {
        var refusal = BuildOperations.Refusal(Answer(status, message), new BuildSpec { Remote = "https://example.com/ctx.tar" }, null);

        Assert.Equal(ErrorCatalog.BuildContextUnavailable, refusal!.Code);
        Assert.EndsWith(message, refusal.Message);
        Assert.Equal(status, refusal.StatusCode);
    }

    [Fact]
    public void TheUserInformationOfARemoteContextIsLeftOutOfTheMessage()
    {
        const string remote = "https://user:s3cret@example.com/ctx.tar";

        var refusal = BuildOperations.Refusal(Answer(HttpStatusCode.NotFound, $"error downloading remote context {remote}: 404"), new BuildSpec { Remote = remote }, null);

        Assert.DoesNotContain("s3cret", refusal!.Message);
        Assert.Contains("https://(redacted)@example.com/ctx.tar", refusal.Message);
    }

    [Theory]
    [InlineData("unexpected EOF")]
    [InlineData("archive/tar: invalid tar header")]
    public void AnArchiveTheEngineCannotUnpackIsInvalid(string message)
    {
        using var archive = PreparedArchive.FromStream(new MemoryStream(new byte[1024]), "the piped archive", ownsStream: true);

        Assert.Equal(ErrorCatalog.InvalidBuildContext, BuildOperations.Refusal(Answer(HttpStatusCode.InternalServerError, message), new BuildSpec(), archive)!.Code);
        Assert.Null(BuildOperations.Refusal(Answer(HttpStatusCode.InternalServerError, message), new BuildSpec(), null));
    }

    [Fact]
    public void ABare500ForAnArchiveIsInvalidAsPodmanMeansIt()
    {
        using var archive = PreparedArchive.FromStream(new MemoryStream(new byte[1024]), "the piped archive", ownsStream: true);
        var bare = new DockerEngineException(ErrorCatalog.EngineError, "The engine answered 500 InternalServerError.",
            new Docker.DotNet.DockerApiException(HttpStatusCode.InternalServerError, ""), HttpStatusCode.InternalServerError);

        Assert.Equal(ErrorCatalog.InvalidBuildContext, BuildOperations.Refusal(bare, new BuildSpec(), archive)!.Code);
        Assert.Null(BuildOperations.Refusal(bare, new BuildSpec(), null));
    }

    [Fact]
    public void OtherRefusalsKeepTheirMeaning() =>
        Assert.Null(BuildOperations.Refusal(Answer(HttpStatusCode.BadRequest, "failed to reach build target nope in Dockerfile"), new BuildSpec(), null));
}

/// <summary>docker builder prune's filters, as the engine's build cache prune reads them.</summary>
public sealed class BuildCacheFilterTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static BuildCacheFilter Parse(params (string Key, object Value)[] pairs) =>
        BuildCacheFilter.Parse(pairs.Select(p => new KeyValuePair<string, object>(p.Key, p.Value)), Now);

    [Fact]
    public void FiltersGoToTheEngineAsItReadsThem()
    {
        var filter = Parse(("until", "24h"), ("ID", "abc|def"), ("type", "regular"), ("shared", true), ("private", ""));

        Assert.Equal(Now.AddDays(-1), filter.Until);
        Assert.Equal("""{"until":{"1780228800.000000000":true},"id":{"abc|def":true},"private":{"":true},"shared":{"":true},"type":{"regular":true}}""",
            filter.ToFilterSet().ToJson());
    }

    [Theory]
    [InlineData("label", "app=shop")]
    [InlineData("label!", "keep")]
    [InlineData("colour", "red")]
    [InlineData("inuse", false)]
    [InlineData("shared", "no")]
    [InlineData("id", "")]
    [InlineData("until", "soon")]
    public void WhatTheEngineWouldIgnoreOrRefuseIsRefusedHere(string key, object value) =>
        Assert.Throws<FormatException>(() => Parse((key, value)));

    [Fact]
    public void EachKeyOnce() => Assert.Throws<FormatException>(() => Parse(("id", "a"), ("id", "b")));

    [Fact]
    public void UntilAloneIsWhatSystemPrunePassesOn() => Assert.Equal("""{"until":{"1780228800.000000000":true}}""", BuildCacheFilter.FromUntil(Now.AddDays(-1)).ToFilterSet().ToJson());

    [Fact]
    public void CandidatesAreTheUnusedRecordsAndWithoutAllOnlyDanglingOnes()
    {
        BuildCacheRecord[] records =
        [
            new("used", "regular", "", 1, InUse: true, Shared: false, Now),
            new("dangling", "regular", "", 2, InUse: false, Shared: false, Now.AddDays(-2)),
            new("shared", "regular", "", 4, InUse: false, Shared: true, Now.AddDays(-2)),
            new("internal", "internal", "", 8, InUse: false, Shared: false, Now.AddDays(-2)),
            new("recent", "regular", "", 16, InUse: false, Shared: false, Now),
        ];

        Assert.Equal(["dangling", "recent"], BuildCacheOperations.Candidates(records, all: false, until: null).Select(r => r.Id));
        Assert.Equal(["dangling", "shared", "internal", "recent"], BuildCacheOperations.Candidates(records, all: true, until: null).Select(r => r.Id));
        Assert.Equal(["dangling", "shared", "internal"], BuildCacheOperations.Candidates(records, all: true, until: Now.AddDays(-1)).Select(r => r.Id));
    }
}
