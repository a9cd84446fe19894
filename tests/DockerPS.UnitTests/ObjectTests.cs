using Docker.DotNet.Models;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class ObjectTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    [Theory]
    [InlineData("busybox:latest", "busybox", "latest")]
    [InlineData("localhost:5000/team/app:1.2", "localhost:5000/team/app", "1.2")]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app", "<none>")]
    public void SplitsTheTagNotThePort(string reference, string repository, string tag) =>
        Assert.Equal((repository, tag), Image.SplitTag(reference));

    [Fact]
    public void OneRowPerTagAsDockerImages()
    {
        var raw = new ImagesListResponse { ID = "sha256:abc", RepoTags = ["a:1", "b:2"], RepoDigests = ["a@sha256:d1"] };

        var rows = Image.Rows(raw, Engine).ToArray();

        Assert.Equal(new[] { "a:1", "b:2" }, rows.Select(r => r.Reference));
        Assert.Equal("sha256:d1", rows[0].Digest);
        Assert.Null(rows[1].Digest);
    }

    [Fact]
    public void VolumeTimesAreLocalAndMissingMapsAreEmpty()
    {
        var volume = new Volume(new VolumeResponse { Name = "v", CreatedAt = "2024-01-31T12:00:00Z" }, Engine);
        var undated = new Volume(new VolumeResponse { Name = "w", CreatedAt = "" }, Engine);

        Assert.Equal(new DateTime(2024, 1, 31, 12, 0, 0, DateTimeKind.Utc), volume.Created?.ToUniversalTime());
        Assert.Equal(DateTimeKind.Local, volume.Created?.Kind);
        Assert.Null(undated.Created);
        Assert.Empty(undated.Labels);
        Assert.Empty(undated.Options);
    }

    [Fact]
    public void UntaggedImagesAreNoneOrTheirDigestRepository()
    {
        var dangling = Image.Rows(new ImagesListResponse { ID = "sha256:1", RepoTags = ["<none>:<none>"], RepoDigests = ["<none>@<none>"] }, Engine).Single();
        var digestOnly = Image.Rows(new ImagesListResponse { ID = "sha256:2", RepoDigests = ["reg:5000/app@sha256:ff"] }, Engine).Single();

        Assert.Equal(("<none>", "<none>", "sha256:1"), (dangling.Repository, dangling.Tag, dangling.Reference));
        Assert.Equal(("reg:5000/app", "<none>", "reg:5000/app@sha256:ff"), (digestOnly.Repository, digestOnly.Tag, digestOnly.Reference));
        Assert.Equal("sha256:ff", digestOnly.Digest);
    }

    [Fact]
    public void ContainerNamesAndPortsReadLikeDockerPs()
    {
        var raw = new ContainerListResponse
        {
            ID = "c1",
            Names = ["/web", "/other/alias"],
            Ports = [new PortSummary { IP = "127.0.0.1", PrivatePort = 80, PublicPort = 8080, Type = "tcp" }, new PortSummary { PrivatePort = 443, Type = "tcp" },
                     new PortSummary { IP = "::", PrivatePort = 53, PublicPort = 5353, Type = "udp" }],
            Created = DateTime.UtcNow,
        };

        var container = new Container(raw, Engine);

        Assert.Equal("web", container.Name);
        Assert.Equal(new[] { "127.0.0.1:8080->80/tcp", "443/tcp", "[::]:5353->53/udp" }, container.Ports.Select(p => p.ToString()));
        Assert.Equal(DateTimeKind.Local, container.Created.Kind);
        Assert.Empty(container.Labels);
    }

    [Theory]
    // Go's os.FileMode as the engine's path stat sends it: type bits high, permissions low.
    [InlineData(0x800001EDu, "drwxr-xr-x", true, false)]
    [InlineData(0x080001FFu, "lrwxrwxrwx", false, true)]
    [InlineData(0x008001EDu, "-rwsr-xr-x", false, false)]
    [InlineData(0x801001FFu, "drwxrwxrwt", true, false)]
    [InlineData(0x004001A4u, "-rw-r-Sr--", false, false)]
    public void PathStatsReadGoFileModes(uint goMode, string unixMode, bool isDirectory, bool isLink)
    {
        var info = new ContainerPathInfo("web", "/x", new ContainerPathStatResponse { Name = "x", Mode = goMode }, Engine);

        Assert.Equal(unixMode, info.UnixMode);
        Assert.Equal(isDirectory, info.IsDirectory);
        Assert.Equal(isLink, info.IsSymbolicLink);
    }

    [Fact]
    public void ListsAndMapsPrintAsDockerPsDoesForExportCsv()
    {
        var raw = new ContainerListResponse
        {
            ID = "c1",
            Names = ["/web", "/other/alias"],
            Labels = new Dictionary<string, string> { ["tier"] = "web", ["com.example.team"] = "shop" },
            Ports = [new PortSummary { IP = "127.0.0.1", PrivatePort = 80, PublicPort = 8080, Type = "tcp" }, new PortSummary { PrivatePort = 443, Type = "tcp" }],
        };

        var container = new Container(raw, Engine);

        Assert.Equal("web,other/alias", container.Names.ToString());
        Assert.Equal("tier=web,com.example.team=shop", container.Labels.ToString());
        Assert.Equal("127.0.0.1:8080->80/tcp,443/tcp", container.Ports.ToString());
        Assert.Equal(string.Empty, container.Networks.ToString());
    }

    [Fact]
    public void TopColumnsKeepPsOrderAndIgnoreCase()
    {
        var process = new ContainerProcess("web", ["USER", "PID", "%CPU", "COMMAND"], ["root", "1", "0.5", "sleep 9"], Engine);

        Assert.Equal("USER=root,PID=1,%CPU=0.5,COMMAND=sleep 9", process.Columns.ToString());
        Assert.Equal("0.5", process.Columns["%cpu"]);
        Assert.Equal("PID=2", new ContainerProcess("web", ["PID", "pid"], ["1", "2"], Engine).Columns.ToString());
    }

    [Theory]
    [InlineData("volume", "data", "/var/lib/docker/volumes/data/_data", "/data", true, "data:/data")]
    [InlineData("bind", null, "/srv/www", "/usr/share/www", false, "/srv/www:/usr/share/www:ro")]
    [InlineData("tmpfs", null, "", "/scratch", true, "/scratch")]
    public void MountsPrintAsDockerRunTakesThem(string type, string? name, string source, string destination, bool readWrite, string text) =>
        Assert.Equal(text, new ContainerMount(type, name, source, destination, readWrite, string.Empty).ToString());

    [Fact]
    public void TlsSettingsPrintTheirFilesAsAMap()
    {
        Assert.Equal("CaFile=/c/ca.pem,CertificateFile=/c/cert.pem,KeyFile=/c/key.pem,Verify=True",
            new Connection.TlsSettings("/c/ca.pem", "/c/cert.pem", "/c/key.pem", true).ToString());
        Assert.Equal("Verify=False", new Connection.TlsSettings(null, null, null, false).ToString());
    }
}
