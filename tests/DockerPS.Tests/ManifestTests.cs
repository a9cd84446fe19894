using System.Collections;
using System.Formats.Tar;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Get-DockerManifest and Request-DockerImage -Platform against a multi-platform image in the test registry without
/// login: two single-platform images (linux/amd64 and linux/arm64, told apart by a label) pushed with Push-DockerImage,
/// and a Docker manifest list over both put straight into the registry, as a multi-platform build would push it.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ManifestTests(EngineFixture fixture) : IDisposable
{
    private const string ManifestV2 = "application/vnd.docker.distribution.manifest.v2+json";
    private const string ManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _repository = $"dps-test/multi-{fixture.RunId}";
    private readonly List<string> _local = [];

    private string Reference(string tag) => $"{TestRegistry.Open}/{_repository}:{tag}";

    public void Dispose()
    {
        foreach (var reference in _local)
        {
            DockerCli.Run("image", "rm", "-f", reference);
        }
    }

    /// <summary>A one-file image for <paramref name="architecture"/>, labelled with it, pushed with Push-DockerImage and removed locally.</summary>
    private void PushPlatformImage(string architecture)
    {
        var reference = Reference(architecture);
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "variant") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(architecture)) });
        }
        var file = Path.Combine(Path.GetTempPath(), $"dps-{architecture}-{fixture.RunId}.tar");
        File.WriteAllBytes(file, tar.ToArray());
        try
        {
            DockerCli.Run("import", "--platform", $"linux/{architecture}", "-c", $"LABEL variant={architecture}", "-c", $"LABEL {EngineFixture.Label}={fixture.RunId}", file, reference);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Empty(_ps.Run($"Push-DockerImage {reference}").Errors);
        DockerCli.Run("image", "rm", reference);
    }

    /// <summary>Puts a manifest list of the given tags' manifests under <paramref name="tag"/>; returns its digest and size.</summary>
    private static async Task<(string Digest, long Size)> PutManifestList(HttpClient registry, string repository, string tag, params (string Tag, string Architecture)[] platforms)
    {
        var manifests = new JsonArray();
        foreach (var (platformTag, architecture) in platforms)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{platformTag}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ManifestV2));
            using var response = await registry.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            manifests.Add(new JsonObject
            {
                ["mediaType"] = ManifestV2,
                ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)),
                ["size"] = body.Length,
                ["platform"] = new JsonObject { ["architecture"] = architecture, ["os"] = "linux" },
            });
        }
        var list = Encoding.UTF8.GetBytes(new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = ManifestList, ["manifests"] = manifests }.ToJsonString());
        using var content = new ByteArrayContent(list);
        content.Headers.ContentType = new MediaTypeHeaderValue(ManifestList);
        using var put = await registry.PutAsync($"v2/{repository}/manifests/{tag}", content);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        return ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(list)), list.Length);
    }

    [Fact]
    public async Task AMultiPlatformIndexShowsItsPlatformsAndPullsTheOneAskedFor()
    {
        PushPlatformImage("amd64");
        PushPlatformImage("arm64");
        using var registry = new HttpClient { BaseAddress = new Uri($"http://{TestRegistry.Open}/") };
        var (digest, size) = await PutManifestList(registry, _repository, "multi", ("amd64", "amd64"), ("arm64", "arm64"));
        _local.Add(Reference("multi"));

        var manifests = _ps.Run($"Get-DockerManifest {Reference("multi")}, {Reference("arm64")}");

        Assert.Empty(manifests.Errors);
        var (index, single) = (manifests.Output[0], manifests.Output[1]);
        Assert.Equal(Reference("multi"), index.Properties["Name"].Value);
        Assert.Equal(ManifestList, index.Properties["MediaType"].Value);
        Assert.Equal(digest, index.Properties["Digest"].Value);
        Assert.Equal(size, index.Properties["Size"].Value);
        Assert.True((bool)index.Properties["IsIndex"].Value);
        Assert.Equal(["linux/amd64", "linux/arm64"], ((IEnumerable)index.Properties["Platforms"].Value).Cast<object>().Select(p => p.ToString()));
        Assert.Equal(ManifestV2, single.Properties["MediaType"].Value);
        Assert.False((bool)single.Properties["IsIndex"].Value);
        Assert.Equal(["linux/arm64"], ((IEnumerable)single.Properties["Platforms"].Value).Cast<object>().Select(p => p.ToString()));

        foreach (var architecture in new[] { "arm64", "amd64" })
        {
            var pull = _ps.Run($"Request-DockerImage {Reference("multi")} -Platform linux/{architecture} | Get-DockerImage -Detail");

            Assert.Empty(pull.Errors);
            var image = Assert.Single(pull.Output);
            // The next pull takes the tag: this one is left dangling (with this run's label) unless removed by id.
            _local.Add((string)image.Properties["Id"].Value);
            Assert.Equal(architecture, image.Properties["Architecture"].Value);
            Assert.Equal($"{architecture} {architecture}", DockerCli.Run("image", "inspect", "--format", "{{.Architecture}} {{index .Config.Labels \"variant\"}}", Reference("multi")).Trim());
        }
    }

    [Fact]
    public void MissingImagesAndBadReferencesAreErrorsOfTheirOwn()
    {
        var result = _ps.Run($"Get-DockerManifest {Reference("never-pushed")}, 'Not A Reference'");

        const string Get = "DockerPS.Commands.GetDockerManifestCommand";
        Assert.Equal([$"ImageNotFound,{Get}", $"InvalidReference,{Get}"], result.ErrorIds);
        Assert.Equal(Reference("never-pushed"), result.Errors[0].TargetObject);
    }
}
