using System.Formats.Tar;
using System.Text;
using DockerPS.Archive;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>Finding the images of a <c>docker save</c> archive from its own manifest.json.</summary>
public sealed class ImageArchiveTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("dps-imagearchive-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Archive(params (string Name, string Text)[] entries)
    {
        var path = Path.Join(_root.FullName, Guid.NewGuid().ToString("N") + ".tar");
        using var tar = new TarWriter(File.Create(path));
        foreach (var (name, text) in entries)
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        }
        return path;
    }

    private const string A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Fact]
    public void ReadsIdsAndTagsOfClassicAndOciLayoutArchives()
    {
        var path = Archive(("layer/layer.tar", "x"), ($"{A}.json", "{}"), ("manifest.json",
            $$"""[{"Config":"{{A}}.json","RepoTags":["app:v1","registry:5000/team/app:v2"],"Layers":[]},{"Config":"blobs/sha256/{{B}}","RepoTags":null,"Layers":[]}]"""));

        var images = ImageArchive.ReadManifest(path);

        Assert.Equal(2, images.Count);
        Assert.Equal("sha256:" + A, images[0].Id);
        Assert.Equal(new[] { "app:v1", "registry:5000/team/app:v2" }, images[0].RepoTags);
        Assert.Equal("sha256:" + B, images[1].Id);
        Assert.Empty(images[1].RepoTags);
    }

    [Theory]
    [InlineData("index.json", "{}")]
    [InlineData("manifest.json", "not json")]
    [InlineData("manifest.json", "[{\"RepoTags\":[]}]")]
    public void AnArchiveWithoutAUsableManifestIsInvalid(string name, string text)
    {
        var path = Archive((name, text));

        var e = Assert.Throws<CopyException>(() => ImageArchive.ReadManifest(path));

        Assert.Equal(ErrorCatalog.InvalidArchive, e.Code);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void AFileThatIsNotATarIsInvalid()
    {
        var path = Path.Join(_root.FullName, "text.tar");
        File.WriteAllText(path, new string('x', 2000));

        Assert.Equal(ErrorCatalog.InvalidArchive, Assert.Throws<CopyException>(() => ImageArchive.ReadManifest(path)).Code);
    }
}
