using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-, New- and Remove-DockerVolume, checked with <c>docker volume</c> and containers that use the volumes.</summary>
[Collection(EngineCollection.Name)]
public sealed class VolumeTests(EngineFixture fixture)
{
    private const string Get = "DockerPS.Commands.GetDockerVolumeCommand";
    private const string Remove = "DockerPS.Commands.RemoveDockerVolumeCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    private string RunLabel => $"{EngineFixture.Label}={fixture.RunId}";

    private string LabelTable => $"@{{ '{EngineFixture.Label}' = '{fixture.RunId}' }}";

    /// <summary>A volume of this run, made with the docker CLI; returns its name.</summary>
    private string CliVolume(params string[] labels)
    {
        var name = $"dps-vol-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "volume", "create", "--label", RunLabel }, .. labels.SelectMany(l => new[] { "--label", l }), name]);
        return name;
    }

    private static bool Exists(string volume) => DockerCli.Lines("volume", "ls", "-q").Contains(volume);

    [Fact]
    public void DataWrittenByOneContainerIsReadByTheNext()
    {
        var created = _ps.Run($"New-DockerVolume -Label {LabelTable}");
        var volume = (string)Assert.Single(created.Output).Properties["Name"].Value!;

        var written = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} -Volume '{volume}:/data' -Remove -- sh -c 'printf \"hello\\001\\377\" > /data/f'; $LASTEXITCODE");
        var read = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} -Volume '{volume}:/data' -Remove -- od -An -tx1 /data/f");

        Assert.Empty(created.Errors);
        Assert.Matches("^[0-9a-f]{64}$", volume);
        Assert.Empty(written.Errors);
        Assert.Equal(0, Assert.Single(written.Output).BaseObject);
        Assert.Empty(read.Errors);
        Assert.Equal("68 65 6c 6c 6f 01 ff", Assert.Single(read.Output).ToString().Trim());
        // The engine agrees: a container the docker CLI runs sees the same bytes.
        Assert.Equal("68 65 6c 6c 6f 01 ff", DockerCli.Run("run", "--rm", "-v", $"{volume}:/data", TestEnvironment.Image, "od", "-An", "-tx1", "/data/f").Trim());
    }

    [Fact]
    public void NewVolumeHasItsNameDriverOptionsAndLabels()
    {
        var name = $"dps-vol-new-{fixture.RunId}";

        var result = _ps.Run($"New-DockerVolume {name} -Option @{{ type = 'tmpfs'; device = 'tmpfs'; o = 'size=1m' }} -Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}'; tier = 'db' }}");

        Assert.Empty(result.Errors);
        var volume = Assert.Single(result.Output);
        Assert.Equal("DockerPS.Volume", volume.BaseObject.GetType().FullName);
        Assert.Equal(name, volume.Properties["Name"].Value);
        Assert.Equal("local", volume.Properties["Driver"].Value);
        Assert.Equal(DockerCli.Run("volume", "inspect", "--format", "{{.Mountpoint}}", name).Trim(), volume.Properties["Mountpoint"].Value);
        Assert.Equal("local", volume.Properties["Scope"].Value);
        Assert.IsType<DateTime>(volume.Properties["Created"].Value);
        Assert.NotNull(volume.Properties["Engine"].Value);
        Assert.Equal("db", DockerCli.Run("volume", "inspect", "--format", "{{index .Labels \"tier\"}}", name).Trim());
        Assert.Equal("tmpfs tmpfs size=1m", DockerCli.Run("volume", "inspect", "--format", "{{.Options.type}} {{.Options.device}} {{.Options.o}}", name).Trim());
        Assert.Equal("size=1m", ((IDictionary<string, string>)volume.Properties["Options"].Value!)["o"]);
    }

    [Fact]
    public void EmptyLabelKeyIsAnErrorAndCreatesNothing()
    {
        var name = $"dps-vol-bad-{fixture.RunId}";

        var result = _ps.Run($"New-DockerVolume {name} -Label @{{ '' = 'x' }}");

        Assert.Equal("InvalidLabel,DockerPS.Commands.NewDockerVolumeCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(result.Output);
        Assert.False(Exists(name));
    }

    [Fact]
    public void ListsTheSameVolumesAsDockerVolumeLs()
    {
        CliVolume();
        CliVolume();

        var result = _ps.Run($"Get-DockerVolume -Label {RunLabel}");
        var table = _ps.Run($"Get-DockerVolume -Label {RunLabel} | Out-Default").HostText;

        Assert.Empty(result.Errors);
        var expected = DockerCli.Lines("volume", "ls", "--filter", $"label={RunLabel}", "--format", "{{.Driver}} {{.Name}}");
        Assert.True(expected.Length >= 2);
        Assert.Equal(expected, result.Output.Select(v => $"{v.Properties["Driver"].Value} {v.Properties["Name"].Value}"));
        Assert.Matches(@"DRIVER\s+VOLUME NAME", table);
        Assert.All(expected, line => Assert.Matches(string.Join(@"\s+", line.Split(' ')), table));
    }

    [Fact]
    public void NamesTakeWildcardsAndFiltersApplyOnTheEngine()
    {
        var used = CliVolume("dockerps.role=used");
        var unused = CliVolume("dockerps.role=unused");
        DockerCli.Run([.. new[] { "create" }, .. fixture.LabelArgs, "-v", $"{used}:/data", TestEnvironment.Image, "true"]);

        var wildcard = _ps.Run($"Get-DockerVolume 'DPS-VOL-*-{fixture.RunId}' -Label dockerps.role");
        var dangling = _ps.Run($"Get-DockerVolume -Label {RunLabel}, dockerps.role -Dangling");
        var byDriver = _ps.Run($"Get-DockerVolume {used} -Driver local; Get-DockerVolume {used} -Filter @{{ driver = 'none' }}");

        Assert.Empty(wildcard.Errors);
        Assert.Empty(dangling.Errors);
        Assert.Equal(new[] { used, unused }.Order(), wildcard.Output.Select(v => (string)v.Properties["Name"].Value!).Order());
        Assert.Equal(new[] { unused }, dangling.Output.Select(v => (string)v.Properties["Name"].Value!));
        Assert.Equal(new[] { used }, byDriver.Output.Select(v => (string)v.Properties["Name"].Value!));
        // Filtered out by the engine, so the name is not found.
        Assert.Equal($"VolumeNotFound,{Get}", Assert.Single(byDriver.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void ThreeNamesWithTheMiddleOneUnknown()
    {
        var (a, b) = (CliVolume(), CliVolume());
        var unknown = $"dps-vol-none-{fixture.RunId}";

        var got = _ps.Run($"'{a}', '{unknown}', '{b}' | Get-DockerVolume");
        var removed = _ps.Run($"'{a}', '{unknown}', '{b}' | Remove-DockerVolume");

        Assert.Equal(new[] { a, b }, got.Output.Select(v => (string)v.Properties["Name"].Value!));
        var getError = Assert.Single(got.Errors);
        Assert.Equal($"VolumeNotFound,{Get}", getError.FullyQualifiedErrorId);
        Assert.Equal(unknown, getError.TargetObject);
        var removeError = Assert.Single(removed.Errors);
        Assert.Equal($"VolumeNotFound,{Remove}", removeError.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, removeError.CategoryInfo.Category);
        Assert.Equal(unknown, removeError.TargetObject);
        Assert.False(Exists(a));
        Assert.False(Exists(b));
    }

    [Fact]
    public void VolumeInUseStaysWithItsOwnErrorAndThePipelineGoesOn()
    {
        var used = CliVolume();
        var free = CliVolume();
        DockerCli.Run([.. new[] { "create" }, .. fixture.LabelArgs, "-v", $"{used}:/data", TestEnvironment.Image, "true"]);

        var result = _ps.Run($"Get-DockerVolume '{used}', '{free}' | Remove-DockerVolume -Force");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"VolumeInUse,{Remove}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Equal(used, error.TargetObject);
        Assert.True(Exists(used));
        Assert.False(Exists(free));
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        var volume = CliVolume();
        var name = $"dps-vol-whatif-{fixture.RunId}";

        var result = _ps.Run($"Remove-DockerVolume 'dps-vol-*-{fixture.RunId}' -WhatIf; New-DockerVolume {name} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.True(Exists(volume));
        Assert.False(Exists(name));
        Assert.Contains($"What if: Performing the operation \"Remove volume\" on target \"{volume}\".", result.HostText);
        Assert.Contains($"on target \"{name}\"", result.HostText);
    }

    [Fact]
    public void VolumeNamesComplete()
    {
        var volume = CliVolume();

        Assert.Equal(new[] { volume }, Completion.Complete(_ps, $"Remove-DockerVolume {volume[..^2]}"));
        Assert.Contains(volume, Completion.Complete(_ps, "Get-DockerVolume dps-vol-"));
        Assert.Equal(new[] { volume }, Completion.Complete(_ps, $"New-DockerContainer {TestEnvironment.Image} -Volume {volume[..^2]}"));
    }
}
