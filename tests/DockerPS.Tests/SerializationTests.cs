using System.Xml.Linq;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The engine's own answers stay reachable, as hidden properties, but out of serialized data
/// (tests/Pester/Serialization.Tests.ps1 takes every output type through ConvertTo-Json and Export-Csv).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SerializationTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    [Fact]
    public void EveryTypeWithAnEngineAnswerShowsItAsTheHiddenPropertyRaw()
    {
        var withRaw = _ps.Run("[DockerPS.Container].Assembly.GetExportedTypes() | Where-Object { $_.GetMethod('GetRaw') } | ForEach-Object FullName")
            .Output.Select(o => o.ToString()).Order().ToArray();
        var types = XDocument.Load(Path.Combine(TestEnvironment.ModuleFolder, "DockerPS.Types.ps1xml")).Root!.Elements("Type").ToArray();
        var hiddenRaw = types
            .Where(t => t.Element("Members")!.Elements("ScriptProperty").Any(p =>
                (string?)p.Attribute("IsHidden") == "true" && (string?)p.Element("Name") == "Raw" && (string?)p.Element("GetScriptBlock") == "$this.GetRaw()"))
            .Select(t => (string)t.Element("Name")!).Order().ToArray();

        Assert.True(withRaw.Length >= 19, string.Join(", ", withRaw));
        Assert.Equal(withRaw, hiddenRaw);
        Assert.All(types.SelectMany(t => t.Element("Members")!.Elements()), p => Assert.Equal("true", (string?)p.Attribute("IsHidden")));
    }

    [Fact]
    public void AContainersInspectAnswerIsReachableButNotAmongItsProperties()
    {
        var result = _ps.Run($"""
            $detail = Get-DockerContainer -Name {fixture.RunningName} -Detail
            $detail.Raw.GetType().FullName
            $detail.HostConfig.GetType().FullName
            $detail.Config.Labels['dockerps.state']
            $detail.PSObject.Properties.Name -join ','
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(["Docker.DotNet.Models.ContainerInspectResponse", "Docker.DotNet.Models.HostConfig", "running",
            "Id,Name,Image,ImageId,Command,Created,State,ExitCode,StartedAt,FinishedAt,Pid,Tty,OpenStdin,RestartCount,Health,Ports,Labels,Networks,Mounts,Engine"],
            result.Output.Select(o => o.ToString()));
    }
}
