using System.Formats.Tar;
using System.Management.Automation;
using System.Text.Json;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Save-DockerImage and Import-DockerImage (load, and import of a root file system) against the real engine, checked with the docker CLI.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ImageArchiveTests(EngineFixture fixture) : IDisposable
{
    private const string Save = "DockerPS.Commands.SaveDockerImageCommand";
    private const string Import = "DockerPS.Commands.ImportDockerImageCommand";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly TestImages _images = new(fixture);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("dps-images-");

    public void Dispose()
    {
        _images.Dispose();
        _work.Delete(recursive: true);
    }

    private string At(string relative) => Path.Join(_work.FullName, relative);

    private string Unknown => $"dps-test/none-{fixture.RunId}:x";

    private static string Id(string image) => DockerCli.Run("image", "inspect", "--format", "{{.Id}}", image).Trim();

    private static bool Exists(string image) => DockerCli.Lines("images", "-q", image).Length > 0;

    /// <summary>The names each image in a saved archive has, from its manifest.json.</summary>
    private static string[] SavedTags(string tar)
    {
        using var reader = new TarReader(File.OpenRead(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == "manifest.json")
            {
                using var manifest = JsonDocument.Parse(entry.DataStream!);
                return manifest.RootElement.EnumerateArray().SelectMany(i => i.GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()!)).Order().ToArray();
            }
        }
        throw new InvalidDataException($"{tar} has no manifest.json");
    }

    [SkippableFact]
    public void SavedImagesRemovedAndLoadedAgainHaveTheSameIdsAndTags()
    {
        TestEngine.SkipOnPodman("Podman's archives name Docker Hub images in full (docker.io/...)");
        var a = _images.Reference("savea");
        var b = _images.Reference("saveb");
        var idA = _images.Commit(a);
        var idB = _images.Commit(b);

        var saved = _ps.Run($"Save-DockerImage {a}, {b} -Path '{At("two.tar")}'");

        Assert.Empty(saved.Errors);
        Assert.Equal(At("two.tar"), Assert.IsType<FileInfo>(Assert.Single(saved.Output).BaseObject).FullName);
        Assert.Contains(saved.Progress, p => p.Activity == $"Saving images {a}, {b} to {At("two.tar")}" && p.RecordType == ProgressRecordType.Completed);
        Assert.Equal(new[] { a, b }, SavedTags(At("two.tar")));

        DockerCli.Run("rmi", a, b);
        Assert.False(Exists(a) || Exists(b));

        var loaded = _ps.Run($"Import-DockerImage '{At("two.tar")}'");

        Assert.Empty(loaded.Errors);
        Assert.Equal(new[] { a, b }, loaded.Property("Reference").Order());
        Assert.All(loaded.Output, o => Assert.Equal("DockerPS.Image", o.BaseObject.GetType().FullName));
        Assert.Equal((idA, idB), (Id(a), Id(b)));
        Assert.Equal(new[] { idA, idB }.Order(), loaded.Property("Id").Order());
        var progress = loaded.Progress.Where(p => p.Activity == $"Loading images from {At("two.tar")}").ToArray();
        Assert.Contains(progress, p => p.RecordType == ProgressRecordType.Completed);
        Assert.Contains(progress, p => p.PercentComplete == 100);
    }

    [SkippableFact]
    public void SaveOfThreePipedWithTheMiddleUnknownSavesTwoAndReportsOne()
    {
        TestEngine.SkipOnPodman("Podman's archives name Docker Hub images in full (docker.io/...)");
        var a = _images.Reference("save3a");
        var b = _images.Reference("save3b");
        _images.Commit(a);
        _images.Commit(b);

        var result = _ps.Run($"@(Get-DockerImage {a}; '{Unknown}'; Get-DockerImage {b}) | Save-DockerImage -Path '{At("some.tar")}'");

        Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ImageNotFound,{Save}", error.FullyQualifiedErrorId);
        Assert.Equal(Unknown, error.TargetObject);
        Assert.Equal(new[] { a, b }, SavedTags(At("some.tar")));
    }

    [SkippableFact]
    public void SaveOverwritesOnlyWithForceAndWritesNothingWithWhatIf()
    {
        TestEngine.SkipOnPodman("Podman's archives name Docker Hub images in full (docker.io/...)");
        var a = _images.Reference("saveforce");
        _images.Commit(a);
        File.WriteAllText(At("x.tar"), "keep");

        var refused = _ps.Run($"Save-DockerImage {a} '{At("x.tar")}'");
        Assert.Equal($"FileExists,{Save}", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.Equal("keep", File.ReadAllText(At("x.tar")));

        var whatIf = _ps.Run($"Save-DockerImage {a} '{At("new.tar")}' -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Contains($"What if: Performing the operation \"Save images {a}\" on target \"{At("new.tar")}\".", whatIf.HostText);
        Assert.False(File.Exists(At("new.tar")));

        var forced = _ps.Run($"Save-DockerImage {a} '{At("x.tar")}' -Force");
        Assert.Empty(forced.Errors);
        Assert.Equal(new[] { a }, SavedTags(At("x.tar")));
    }

    [Fact]
    public void StoppingASaveLeavesNoFile()
    {
        // The real engine saves the test image faster than a test can stop it: a fake one sends part of the archive and stalls.
        using var plain = TestEnvironment.WithoutTls();
        using var fake = FakeEngine.Answering("1.41", "1.12", new Dictionary<string, string>
        {
            ["/json"] = """{"Id":"sha256:0123456789012345678901234567890123456789012345678901234567890123","RootFS":{"Type":"layers","Layers":[]},"Size":1}""",
            ["/images/get"] = new string('x', 100_000),
        }, stalledRoute: "/images/get");
        var seen = false;

        var result = _ps.Run($"Save-DockerImage slow/image -Path '{At("stopped.tar")}' -DockerHost {fake.Endpoint}", whileRunning: ps =>
        {
            seen = SpinWait.SpinUntil(() => File.Exists(At("stopped.tar")) && new FileInfo(At("stopped.tar")).Length > 0, TimeSpan.FromSeconds(30));
            ps.Stop();
        });

        Assert.True(seen);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(At("stopped.tar")));
    }

    [Fact]
    public void ARootFileSystemImportsAsARunnableImage()
    {
        var container = _images.Container(TestEnvironment.Image);
        DockerCli.Run("export", "-o", At("rootfs.tar"), container);
        var reference = _images.Reference("rootfs");

        var result = _ps.Run($$"""Import-DockerImage '{{At("rootfs.tar")}}' -RootFileSystem {{reference}} -Change 'CMD ["echo", "imported"]', 'LABEL {{EngineFixture.Label}}={{fixture.RunId}}' -Message 'from a tar'""");

        Assert.Empty(result.Errors);
        var image = Assert.Single(result.Output);
        _images.Track((string)image.Properties["Id"].Value!);
        Assert.Equal(reference, image.Properties["Reference"].Value);
        Assert.Equal(Id(reference), image.Properties["Id"].Value);
        Assert.Equal("from a tar", DockerCli.Run("image", "inspect", "--format", "{{.Comment}}", reference).Trim());
        Assert.Contains(result.Progress, p => p.Activity == $"Importing {At("rootfs.tar")} as a root file system" && p.RecordType == ProgressRecordType.Completed);

        var run = _ps.Run($"Invoke-DockerContainer {reference} -Remove");

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { "imported" }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void ThreePipedFilesWithTheMiddleMissingLoadTwoAndReportOne()
    {
        var a = _images.Reference("loada");
        var b = _images.Reference("loadb");
        _images.Commit(a);
        _images.Commit(b);
        DockerCli.Run("save", "-o", At("a.tar"), a);
        DockerCli.Run("save", "-o", At("b.tar"), b);
        DockerCli.Run("rmi", a, b);

        var result = _ps.Run($"'{At("a.tar")}', '{At("missing.tar")}', '{At("b.tar")}' | Import-DockerImage");

        Assert.Equal(new[] { a, b }, result.Property("Reference"));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"LocalPathNotFound,{Import}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.True(Exists(a) && Exists(b));
    }

    [Fact]
    public void LoadWhatIfLoadsNothing()
    {
        var a = _images.Reference("loadwhatif");
        _images.Commit(a);
        DockerCli.Run("save", "-o", At("a.tar"), a);
        DockerCli.Run("rmi", a);

        var result = _ps.Run($"Import-DockerImage '{At("a.tar")}' -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Contains($"What if: Performing the operation \"Load images\" on target \"{At("a.tar")}\".", result.HostText);
        Assert.False(Exists(a));
    }

    [Fact]
    public void BadInputStopsBeforeTheEngine()
    {
        using (var tar = new TarWriter(File.Create(At("plain.tar"))))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt"));
        }
        File.WriteAllText(At("text.tar"), "not a tar at all, just some text that is long enough to not be a header");

        var result = _ps.Run($"Import-DockerImage '{At("plain.tar")}'; Import-DockerImage '{At("text.tar")}'; Import-DockerImage '{At("plain.tar")}' -RootFileSystem 'Bad/Name'");

        Assert.Equal(new[] { $"InvalidArchive,{Import}", $"InvalidArchive,{Import}", $"InvalidReference,{Import}" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidData, result.Errors[0].CategoryInfo.Category);
        Assert.Empty(result.Output);
    }
}
