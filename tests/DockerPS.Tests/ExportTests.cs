using System.Formats.Tar;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Export-DockerContainer against the real engine: the archive's contents, -Force, -WhatIf, piped containers.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ExportTests(EngineFixture fixture) : IDisposable
{
    private const string Command = "DockerPS.Commands.ExportDockerContainerCommand";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("dps-export-");
    private readonly TestContainers _containers = new(fixture);

    public void Dispose()
    {
        _work.Delete(recursive: true);
        _containers.Dispose();
    }

    private string Container(bool start, params string[] command) => _containers.Create(start, command);

    private string At(string relative) => Path.Join(_work.FullName, relative);

    private string MarkedContainer(string mark = "marked")
    {
        var container = Container(true, "sh", "-c", $"echo {mark} > /marker.txt; sleep 600");
        DockerCli.Run("exec", container, "sh", "-c", "while [ ! -s /marker.txt ]; do sleep 0.1; done");
        return container;
    }

    private static Dictionary<string, string?> Entries(string tar)
    {
        using var stream = File.OpenRead(tar);
        using var reader = new TarReader(stream);
        var entries = new Dictionary<string, string?>();
        while (reader.GetNextEntry() is { } entry)
        {
            using var text = entry.DataStream is { } data ? new StreamReader(data) : null;
            entries[entry.Name.TrimEnd('/')] = entry.Name == "marker.txt" ? text?.ReadToEnd() : null;
        }
        return entries;
    }

    [Fact]
    public void WritesTheContainersFileSystemAsATarAndOutputsTheFile()
    {
        var container = MarkedContainer();

        var result = _ps.Run($"Export-DockerContainer {container} -Path '{At("fs.tar")}'");

        Assert.Empty(result.Errors);
        var file = Assert.IsType<FileInfo>(Assert.Single(result.Output).BaseObject);
        Assert.Equal(At("fs.tar"), file.FullName);
        var entries = Entries(At("fs.tar"));
        Assert.Contains("bin/busybox", entries.Keys);
        Assert.Equal("marked\n", entries["marker.txt"]);
        Assert.Contains(result.Progress, p => p.Activity == $"Exporting container {container} to {At("fs.tar")}" && p.RecordType == ProgressRecordType.Completed);
        DockerCli.Run("export", "-o", At("cli.tar"), container);
        Assert.Equal(Entries(At("cli.tar")).Keys.Order(), entries.Keys.Order());
    }

    [Fact]
    public void AnExistingFileIsOverwrittenOnlyWithForce()
    {
        var container = MarkedContainer();
        File.WriteAllText(At("fs.tar"), "keep");

        var refused = _ps.Run($"Export-DockerContainer {container} '{At("fs.tar")}'");
        Assert.Equal($"FileExists,{Command}", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, refused.Errors[0].CategoryInfo.Category);
        Assert.Equal("keep", File.ReadAllText(At("fs.tar")));

        var forced = _ps.Run($"Export-DockerContainer {container} '{At("fs.tar")}' -Force");
        Assert.Empty(forced.Errors);
        Assert.Contains("bin/busybox", Entries(At("fs.tar")).Keys);
    }

    [Fact]
    public void WhatIfWritesNothing()
    {
        var container = MarkedContainer();

        var result = _ps.Run($"Get-DockerContainer {container} | Export-DockerContainer -Path '{At("fs.tar")}' -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Export container {container}\" on target \"{At("fs.tar")}\".", result.HostText);
        Assert.False(File.Exists(At("fs.tar")));
    }

    [Fact]
    public void PipedContainersExportAndAnUnknownOneIsAnErrorForItself()
    {
        var a = MarkedContainer("first");
        var b = MarkedContainer("second");
        var unknown = $"nosuch-{fixture.RunId}";

        var result = _ps.Run($"'{a}', '{unknown}', '{b}' | Export-DockerContainer -Path '{At("fs.tar")}' -Force");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,{Command}", error.FullyQualifiedErrorId);
        Assert.Equal(unknown, error.TargetObject);
        Assert.Equal(new[] { At("fs.tar"), At("fs.tar") }, result.Property("FullName"));
        Assert.Equal("second\n", Entries(At("fs.tar"))["marker.txt"]);
    }

    [Fact]
    public void AMissingDirectoryOrADirectoryAsPathIsAnError()
    {
        var container = MarkedContainer();

        var result = _ps.Run($"Export-DockerContainer {container} '{At("nodir/fs.tar")}'; Export-DockerContainer {container} '{_work.FullName}'");

        Assert.Equal(new[] { $"DestinationParentNotFound,{Command}", $"FileOntoDirectory,{Command}" }, result.ErrorIds);
    }
}
