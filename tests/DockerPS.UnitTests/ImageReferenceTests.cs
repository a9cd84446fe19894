using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("app", "app", null)]
    [InlineData("app:v2", "app", "v2")]
    [InlineData("team/my-app_x.y:1.0-rc_1", "team/my-app_x.y", "1.0-rc_1")]
    [InlineData("a__b/c", "a__b/c", null)]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app", null)]
    [InlineData("Registry.Example.com:5000/app:Latest", "Registry.Example.com:5000/app", "Latest")]
    public void NamesAndTagsAsTheDockerCliReadsThem(string text, string repository, string? tag) =>
        Assert.Equal(new ImageReference(repository, tag), ImageReference.Parse(text));

    [Theory]
    [InlineData("App")]
    [InlineData("team/App")]
    [InlineData("app:")]
    [InlineData("app:-x")]
    [InlineData("app:.x")]
    [InlineData("-app")]
    [InlineData("app_")]
    [InlineData("a___b")]
    [InlineData("team//app")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("Team/app")]
    [InlineData("LOCALHOST/app")]
    [InlineData("registry.example.com:5000/App")]
    [InlineData("registry.example.com:port/app")]
    [InlineData("-registry.example.com/app")]
    [InlineData("/app")]
    [InlineData("app/")]
    [InlineData("with space")]
    public void BadNamesAndTagsAreRejected(string text) => Assert.Throws<FormatException>(() => ImageReference.Parse(text));

    [Fact]
    public void ErrorsQuoteTheBadPart()
    {
        Assert.StartsWith("'team/App:1'", Assert.Throws<FormatException>(() => ImageReference.Parse("team/App:1")).Message);
        Assert.StartsWith("'-x'", Assert.Throws<FormatException>(() => ImageReference.Parse("app:-x")).Message);
    }

    [Fact]
    public void TagsHaveAtMost128Characters()
    {
        Assert.Equal(new string('t', 128), ImageReference.ParseTag(new string('t', 128)));
        Assert.Throws<FormatException>(() => ImageReference.ParseTag(new string('t', 129)));
    }

    private const string Sha = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", "busybox")]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "busybox")]
    [InlineData("library/busybox", "docker.io", "library/busybox", "busybox")]
    [InlineData("docker.io/busybox", "docker.io", "library/busybox", "busybox")]
    [InlineData("docker.io/library/busybox", "docker.io", "library/busybox", "busybox")]
    [InlineData("index.docker.io/library/busybox", "docker.io", "library/busybox", "busybox")]
    [InlineData("team/app", "docker.io", "team/app", "team/app")]
    [InlineData("library/team/app", "docker.io", "library/team/app", "library/team/app")]
    [InlineData("docker.io/team/app", "docker.io", "team/app", "team/app")]
    [InlineData("localhost/app", "localhost", "app", "localhost/app")]
    [InlineData("localhost:5000/team/app:v1", "localhost:5000", "team/app", "localhost:5000/team/app")]
    [InlineData("127.0.0.1:5100/team/app", "127.0.0.1:5100", "team/app", "127.0.0.1:5100/team/app")]
    [InlineData("registry.example.com/app", "registry.example.com", "app", "registry.example.com/app")]
    [InlineData("Registry.Example.com/app", "Registry.Example.com", "app", "Registry.Example.com/app")]
    [InlineData("host:5000/app", "host:5000", "app", "host:5000/app")]
    [InlineData("localhostx/app", "docker.io", "localhostx/app", "localhostx/app")]
    [InlineData("registry-1.docker.io/team/app", "registry-1.docker.io", "team/app", "registry-1.docker.io/team/app")]
    public void RegistryDomainsAreReadLikeTheEngineDoes(string text, string domain, string path, string familiar)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(domain, reference.Domain);
        Assert.Equal(path, reference.Path);
        Assert.Equal($"{domain}/{path}", reference.FullName);
        Assert.Equal(familiar, reference.FamiliarName);
    }

    [Theory]
    [InlineData("docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("docker.io/dps-test/alpha:one", "dps-test/alpha:one")]
    [InlineData("docker.io/dps-test/alpha@" + Sha, "dps-test/alpha@" + Sha)]
    [InlineData("busybox:latest", "busybox:latest")]
    [InlineData("localhost/app:v1", "localhost/app:v1")]
    [InlineData("127.0.0.1:5100/team/app:v1", "127.0.0.1:5100/team/app:v1")]
    [InlineData("sha256:6e0b6b0d8d3c4a7e9f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071", "sha256:6e0b6b0d8d3c4a7e9f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071")]
    [InlineData("<none>:<none>", "<none>:<none>")]
    public void ListedNamesBecomeTheFamiliarOnesTheCliShows(string listed, string familiar)
    {
        // Podman lists Docker Hub names in full; Docker engines list them familiar.
        Assert.Equal(familiar, ImageReference.Familiar(listed));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Sha)]
    [InlineData(Sha, Sha)]
    [InlineData("0123456789ab", "0123456789ab")]
    public void ImageIdsGetTheirDigestPrefix(string id, string full) => Assert.Equal(full, ImageReference.FullId(id));

    [Theory]
    [InlineData("app@" + Sha, "app", null)]
    [InlineData("app:v1@" + Sha, "app", "v1")]
    [InlineData("localhost:5000/team/app@" + Sha, "localhost:5000/team/app", null)]
    [InlineData("localhost:5000/team/app:v1@" + Sha, "localhost:5000/team/app", "v1")]
    public void DigestsAreTakenWhenAllowed(string text, string repository, string? tag)
    {
        var reference = ImageReference.Parse(text, allowDigest: true);

        Assert.Equal(new ImageReference(repository, tag) { Digest = Sha }, reference);
        Assert.Equal(text, reference.ToString());
        Assert.Throws<FormatException>(() => ImageReference.Parse(text));
    }

    [Theory]
    [InlineData("app@sha256:0123")]
    [InlineData("app@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00")]
    [InlineData("app@md5")]
    [InlineData("app@")]
    [InlineData("@" + Sha)]
    [InlineData("app@" + Sha + "@" + Sha)]
    [InlineData("App@" + Sha)]
    public void BadDigestsAreRejected(string text) => Assert.Throws<FormatException>(() => ImageReference.Parse(text, allowDigest: true));

    [Fact]
    public void OtherAlgorithmsNeedAtLeast32HexDigits()
    {
        Assert.Equal("sha512:" + new string('a', 128), ImageReference.Parse("app@sha512:" + new string('a', 128), allowDigest: true).Digest);
        Assert.Throws<FormatException>(() => ImageReference.Parse("app@sha512:" + new string('a', 31), allowDigest: true));
    }

    [Fact]
    public void NamesHaveAtMost255Characters()
    {
        Assert.Equal(255, ImageReference.Parse(new string('a', 255)).Repository.Length);
        Assert.Throws<FormatException>(() => ImageReference.Parse(new string('a', 256)));
    }

    [Theory]
    [InlineData("registry.example.com", true)]
    [InlineData("127.0.0.1:5100", true)]
    [InlineData("localhost", true)]
    [InlineData("registry.example.com:x", false)]
    [InlineData("bad_host", false)]
    [InlineData("", false)]
    public void DomainsAreHostsWithAnOptionalPort(string text, bool valid) => Assert.Equal(valid, ImageReference.IsDomain(text));
}
