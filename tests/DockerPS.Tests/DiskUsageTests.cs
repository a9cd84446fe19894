using System.Text.Json;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-DockerDiskUsage against <c>docker system df</c> on the same engine.</summary>
[Collection(EngineCollection.Name)]
public sealed class DiskUsageTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    /// <summary>docker system df's lines as Type|TotalCount|Active|Size|Reclaimable.</summary>
    private static string[] Cli() => DockerCli.Lines("system", "df", "--format", "{{json .}}").Select(line =>
    {
        using var json = JsonDocument.Parse(line);
        return string.Join('|', new[] { "Type", "TotalCount", "Active", "Size", "Reclaimable" }.Select(p => json.RootElement.GetProperty(p).GetString()));
    }).ToArray();

    [Fact]
    public void SummaryMatchesDockerSystemDf()
    {
        // Other test runs change the engine meanwhile: compare with a CLI answer that held before and after ours.
        for (var attempt = 1; ; attempt++)
        {
            var before = Cli();
            var result = _ps.Run("Get-DockerDiskUsage | ForEach-Object { '{0}|{1}|{2}|{3}|{4}' -f $_.Type, $_.TotalCount, $_.Active, "
                + "[DockerPS.Formatting.Display]::Size($_.Size, 4), [DockerPS.Formatting.Display]::Reclaimable($_.Reclaimable, $_.ReclaimablePercent) }");
            var ours = result.Output.Select(o => (string)o.BaseObject).ToArray();
            if (!before.SequenceEqual(Cli()) && attempt < 5)
            {
                continue;
            }
            Assert.Empty(result.Errors);
            Assert.Equal(before, ours);
            return;
        }
    }

    [Fact]
    public void SummaryIsTypedAndFormatsLikeDockerSystemDf()
    {
        var result = _ps.Run("Get-DockerDiskUsage");
        var text = _ps.Run("Get-DockerDiskUsage | Out-Default").HostText;

        Assert.Equal(new[] { "Images", "Containers", "Local Volumes", "Build Cache" }, result.Property("Type"));
        Assert.All(result.Output, o => Assert.Equal("DockerPS.DiskUsage", o.BaseObject.GetType().FullName));
        Assert.Contains("RECLAIMABLE", text);
        Assert.Contains("Local Volumes", text);
    }

    [Fact]
    public void DetailListsEachObjectWithItsSize()
    {
        var written = fixture.CliContainer(false, "sh", "-c", "dd if=/dev/zero of=/written bs=1024 count=50 2>/dev/null");
        DockerCli.Run("start", "-a", written);
        var sizeRw = long.Parse(DockerCli.Run("inspect", "--size", "--format", "{{.SizeRw}}", written).Trim());

        var result = _ps.Run("Get-DockerDiskUsage -Detail");

        Assert.Empty(result.Errors);
        var container = Assert.Single(result.Output, o => (string)o.Properties["Name"].Value! == written);
        Assert.Equal("Container", container.Properties["Type"].Value);
        Assert.Equal(sizeRw, container.Properties["Size"].Value);
        var image = Assert.Single(result.Output, o => (string)o.Properties["Name"].Value! == TestEnvironment.Image);
        Assert.Equal("Image", image.Properties["Type"].Value);
        Assert.True((long)image.Properties["Links"].Value! >= 1, "the test image has containers");
    }
}
