using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The config cmdlets on the test swarm's manager (tests/env/swarm.sh), checked with the docker CLI there: what each
/// source of content (New-DockerSecret takes its value the same way) becomes, byte for byte. Every config is named and
/// labelled with this run's id and removed in a finally.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ConfigTests(EngineFixture fixture)
{
    private const string Commands = "DockerPS.Commands.";
    private static readonly string Manager = TestSwarm.Manager;
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _prefix = $"dps-{fixture.RunId}-c";
    private string Label => $"dockerps.test={_prefix}";

    private RunResult OnManager(string script) => TestSwarm.OnManager(_ps, script);

    /// <summary>A config's content as the CLI reads it.</summary>
    private static byte[] Content(string name) => Convert.FromBase64String(TestSwarm.Cli("config", "inspect", name, "--format", "{{json .Spec.Data}}").Trim('"'));

    private string[] Listed() => TestSwarm.Names("config", Label);

    [Fact]
    public void EachSourceOfContentIsWhatTheCliReads()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, [0xff, 0x00, 0x0a, (byte)'x']);
            var labels = $"@{{ 'dockerps.test' = '{_prefix}' }}";
            var result = OnManager($$$"""
                New-DockerConfig {{{_prefix}}}-value 'grüße {{.Service.Name}}' -Label {{{labels}}} -TemplateDriver golang
                New-DockerConfig {{{_prefix}}}-path -Path '{{{file}}}' -Label {{{labels}}}
                'line 1', 'line 2' | New-DockerConfig {{{_prefix}}}-lines -Label {{{labels}}}
                [byte[]](1, 2, 3) | New-DockerConfig {{{_prefix}}}-bytes -Label {{{labels}}}
                ,[IO.File]::ReadAllBytes('{{{file}}}') | New-DockerConfig {{{_prefix}}}-stream -Label {{{labels}}}
                """);
            Assert.Empty(RunResult.Described(result.Errors));
            Assert.All(result.Output, c => Assert.Equal("DockerPS.Config", c.BaseObject.GetType().FullName));
            Assert.Equal([$"{_prefix}-bytes", $"{_prefix}-lines", $"{_prefix}-path", $"{_prefix}-stream", $"{_prefix}-value"], Listed());

            Assert.Equal("grüße {{.Service.Name}}"u8.ToArray(), Content($"{_prefix}-value"));
            Assert.Equal("golang", TestSwarm.Cli("config", "inspect", $"{_prefix}-value", "--format", "{{.Spec.Templating.Name}}"));
            Assert.Equal([0xff, 0x00, 0x0a, (byte)'x'], Content($"{_prefix}-path"));
            Assert.Equal("line 1\nline 2"u8.ToArray(), Content($"{_prefix}-lines"));
            Assert.Equal([1, 2, 3], Content($"{_prefix}-bytes"));
            Assert.Equal([0xff, 0x00, 0x0a, (byte)'x'], Content($"{_prefix}-stream"));

            // The written config has the content as text and as bytes.
            Assert.Equal(["grüße {{.Service.Name}}", "line 1\nline 2"], result.Output.Where((_, i) => i is 0 or 2).Select(c => c.Properties["Content"].Value));
            Assert.Equal([1, 2, 3], (byte[])result.Output[3].Methods["GetData"].Invoke()!);
        }
        finally
        {
            File.Delete(file);
            TestSwarm.RemoveAll("config", Label);
        }
    }

    [Fact]
    public void ReadsWhatTheCliCreatedWithItsContent()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "listen 80;\n");
            TestSwarm.Cli("config", "create", "--label", Label, "--label", "app=shop", $"{_prefix}-cli-a", file);
            TestSwarm.Cli("config", "create", "--label", Label, $"{_prefix}-cli-b", file);
            var id = TestSwarm.Cli("config", "inspect", $"{_prefix}-cli-b", "--format", "{{.ID}}");

            var result = OnManager($"Get-DockerConfig {_prefix}-cli-*; '--'; Get-DockerConfig -Id {id[..8]}; '--'; Get-DockerConfig -Label {Label}, app=shop");
            Assert.Empty(RunResult.Described(result.Errors));
            var groups = string.Join(' ', result.Output.Select(o => o.BaseObject is string s ? s : o.Properties["Name"].Value)).Split("--").Select(g => g.Trim());
            Assert.Equal([$"{_prefix}-cli-a {_prefix}-cli-b", $"{_prefix}-cli-b", $"{_prefix}-cli-a"], groups);

            var config = result.Output[0];
            Assert.Equal("listen 80;\n", config.Properties["Content"].Value);
            Assert.Equal(TestSwarm.Cli("config", "inspect", $"{_prefix}-cli-a", "--format", "{{.ID}} {{.Spec.Name}} {{.UpdatedAt.Unix}} {{.Version.Index}} {{index .Spec.Labels \"app\"}}"),
                $"{config.Properties["Id"].Value} {config.Properties["Name"].Value} {new DateTimeOffset((DateTime)config.Properties["Updated"].Value!).ToUnixTimeSeconds()} " +
                $"{config.Properties["Version"].Value} {((IDictionary<string, string>)config.Properties["Labels"].Value!)["app"]}");
            Assert.Equal(Manager, PSObject.AsPSObject(config.Properties["Engine"].Value).Properties["Endpoint"].Value);
        }
        finally
        {
            File.Delete(file);
            TestSwarm.RemoveAll("config", Label);
        }
    }

    [Fact]
    public void WhatIfChangesNothingAndPipedConfigsAreRemoved()
    {
        try
        {
            var whatIf = OnManager($"New-DockerConfig {_prefix}-whatif x -WhatIf; 'x' | New-DockerConfig {_prefix}-whatif -WhatIf");
            Assert.Empty(whatIf.Errors);
            Assert.Empty(whatIf.Output);
            Assert.Empty(TestSwarm.Cli("config", "ls", "--filter", $"name={_prefix}-whatif", "-q"));

            var file = Path.Combine(TestEnvironment.RepoRoot, "README.md");
            foreach (var name in new[] { "a", "b", "c" })
            {
                TestSwarm.Cli("config", "create", "--label", Label, $"{_prefix}-rm-{name}", file);
            }
            var kept = OnManager($"Get-DockerConfig {_prefix}-rm-* | Remove-DockerConfig -WhatIf");
            Assert.Empty(kept.Errors);
            Assert.Equal(3, Listed().Length);

            var id = TestSwarm.Cli("config", "inspect", $"{_prefix}-rm-c", "--format", "{{.ID}}");
            var removed = OnManager($"Get-DockerConfig {_prefix}-rm-a | Remove-DockerConfig; '{_prefix}-rm-b' | Remove-DockerConfig; Remove-DockerConfig -Id {id[..10]}");
            Assert.Empty(RunResult.Described(removed.Errors));
            Assert.Empty(Listed());
        }
        finally
        {
            TestSwarm.RemoveAll("config", Label);
        }
    }

    [Fact]
    public void ErrorsHaveTheirOwnIds()
    {
        var service = $"{_prefix}-svc";
        try
        {
            TestSwarm.Cli("config", "create", "--label", Label, $"{_prefix}-used", Path.Combine(TestEnvironment.RepoRoot, "README.md"));
            // A service of no replicas uses the config without running anything.
            TestSwarm.Cli("service", "create", "--detach", "--quiet", "--replicas", "0", "--name", service, "--label", Label, "--config", $"{_prefix}-used", TestEnvironment.Image, "true");

            var result = OnManager($"Get-DockerConfig {_prefix}-none; Remove-DockerConfig {_prefix}-used, {_prefix}-none; New-DockerConfig {_prefix}-used x");
            Assert.Equal([$"ConfigNotFound,{Commands}GetDockerConfigCommand", $"ConfigInUse,{Commands}RemoveDockerConfigCommand",
                $"ConfigNotFound,{Commands}RemoveDockerConfigCommand", $"ConfigExists,{Commands}NewDockerConfigCommand"], result.ErrorIds);
            Assert.Contains(service, result.Errors[1].ToString());
            Assert.Equal([$"{_prefix}-used"], Listed());

            // The shared main engine is in no swarm.
            var notManager = _ps.Run("Get-DockerConfig; New-DockerConfig dps-never x; Remove-DockerConfig dps-never");
            Assert.Equal([$"NotSwarmManager,{Commands}GetDockerConfigCommand", $"NotSwarmManager,{Commands}NewDockerConfigCommand",
                $"NotSwarmManager,{Commands}RemoveDockerConfigCommand"], notManager.ErrorIds);
        }
        finally
        {
            TestSwarm.RemoveAll("config", Label, service);
        }
    }

    [Fact]
    public void NamesAndIdsCompleteFromTheManagerGiven()
    {
        try
        {
            TestSwarm.Cli("config", "create", "--label", Label, $"{_prefix}-tab", Path.Combine(TestEnvironment.RepoRoot, "README.md"));
            var id = TestSwarm.Cli("config", "inspect", $"{_prefix}-tab", "--format", "{{.ID}}");
            Assert.Equal([$"{_prefix}-tab"], Completion.Complete(_ps, $"Remove-DockerConfig -DockerHost {Manager} {_prefix}-t"));
            Assert.Equal([id], Completion.Complete(_ps, $"Get-DockerConfig -DockerHost {Manager} -Id {id[..8]}"));
        }
        finally
        {
            TestSwarm.RemoveAll("config", Label);
        }
    }
}
