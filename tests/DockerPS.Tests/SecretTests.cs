using System.Management.Automation;
using System.Text;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The secret cmdlets on the test swarm's manager (tests/env/swarm.sh), checked with the docker CLI there. Every secret
/// is named and labelled with this run's id and removed in a finally. The engine never gives a secret's value back:
/// what a value becomes is checked through configs (ConfigTests), which take their content the same way.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SecretTests(EngineFixture fixture)
{
    private const string Commands = "DockerPS.Commands.";
    private const string Value = "hunter2-not-for-logs";
    private static readonly string Manager = TestSwarm.Manager;
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _prefix = $"dps-{fixture.RunId}-s";
    private string Label => $"dockerps.test={_prefix}";

    private RunResult OnManager(string script) => TestSwarm.OnManager(_ps, script);

    private string[] Listed() => TestSwarm.Names("secret", Label);

    [Fact]
    public void CreatedFromASecureStringAFileOrThePipelineTheCliShows()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Value);
            var result = OnManager($$"""
                $value = [System.Net.NetworkCredential]::new('', '{{Value}}').SecurePassword
                New-DockerSecret {{_prefix}}-value $value -Label @{ 'dockerps.test' = '{{_prefix}}'; tier = 'db' }
                New-DockerSecret {{_prefix}}-path -Path '{{file}}' -Label @{ 'dockerps.test' = '{{_prefix}}' }
                'line 1', 'line 2' | New-DockerSecret {{_prefix}}-lines -Label @{ 'dockerps.test' = '{{_prefix}}' }
                ,[byte[]](0, 1, 2) | New-DockerSecret {{_prefix}}-bytes -Label @{ 'dockerps.test' = '{{_prefix}}' } -TemplateDriver golang
                """);
            Assert.Empty(RunResult.Described(result.Errors));
            Assert.All(result.Output, s => Assert.Equal("DockerPS.Secret", s.BaseObject.GetType().FullName));
            Assert.Equal([$"{_prefix}-value", $"{_prefix}-path", $"{_prefix}-lines", $"{_prefix}-bytes"], result.Property("Name"));
            Assert.Equal([$"{_prefix}-bytes", $"{_prefix}-lines", $"{_prefix}-path", $"{_prefix}-value"], Listed());

            var created = result.Output[0];
            Assert.Equal(TestSwarm.Cli("secret", "inspect", $"{_prefix}-value", "--format", "{{.ID}} {{index .Spec.Labels \"tier\"}} {{.Version.Index}}"),
                $"{created.Properties["Id"].Value} {((IDictionary<string, string>)created.Properties["Labels"].Value!)["tier"]} {created.Properties["Version"].Value}");
            Assert.Equal("golang", TestSwarm.Cli("secret", "inspect", $"{_prefix}-bytes", "--format", "{{.Spec.Templating.Name}}"));
            Assert.Equal("golang", result.Output[3].Properties["TemplateDriver"].Value);
        }
        finally
        {
            File.Delete(file);
            TestSwarm.RemoveAll("secret", Label);
        }
    }

    [Fact]
    public void ReadsWhatTheCliCreatedByNameWildcardIdAndLabel()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, Value);
            TestSwarm.Cli("secret", "create", "--label", Label, "--label", "app=shop", $"{_prefix}-cli-a", file);
            TestSwarm.Cli("secret", "create", "--label", Label, $"{_prefix}-cli-b", file);
            var id = TestSwarm.Cli("secret", "inspect", $"{_prefix}-cli-a", "--format", "{{.ID}}");

            var result = OnManager($"Get-DockerSecret {_prefix}-cli-a; '--'; Get-DockerSecret {_prefix}-cli-*; '--'; Get-DockerSecret -Id {id[..8]}; '--'; Get-DockerSecret -Label {Label}, app=shop");
            Assert.Empty(RunResult.Described(result.Errors));
            var groups = string.Join(' ', result.Output.Select(o => o.BaseObject is string s ? s : o.Properties["Name"].Value)).Split("--").Select(g => g.Trim());
            Assert.Equal([$"{_prefix}-cli-a", $"{_prefix}-cli-a {_prefix}-cli-b", $"{_prefix}-cli-a", $"{_prefix}-cli-a"], groups);

            var secret = result.Output[0];
            Assert.Equal(TestSwarm.Cli("secret", "inspect", $"{_prefix}-cli-a", "--format", "{{.ID}} {{.Spec.Name}} {{.CreatedAt.Unix}} {{.Version.Index}}"),
                $"{secret.Properties["Id"].Value} {secret.Properties["Name"].Value} {new DateTimeOffset((DateTime)secret.Properties["Created"].Value!).ToUnixTimeSeconds()} {secret.Properties["Version"].Value}");
            Assert.Equal(Manager, PSObject.AsPSObject(secret.Properties["Engine"].Value).Properties["Endpoint"].Value);
        }
        finally
        {
            File.Delete(file);
            TestSwarm.RemoveAll("secret", Label);
        }
    }

    [Fact]
    public void TheValueIsInNoStreamNorErrorEvenWithDebug()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Value));
        try
        {
            // Created, then created again (SecretExists), from a SecureString and from the pipeline, with every stream merged.
            var result = OnManager($$"""
                $value = [System.Net.NetworkCredential]::new('', '{{Value}}').SecurePassword
                & {
                    New-DockerSecret {{_prefix}}-quiet $value -Label @{ 'dockerps.test' = '{{_prefix}}' } -Debug -Verbose
                    New-DockerSecret {{_prefix}}-quiet $value -Debug -Verbose
                    '{{Value}}' | New-DockerSecret {{_prefix}}-quiet -Debug -Verbose
                } *>&1
                """);
            Assert.Empty(result.Errors);
            var text = string.Join('\n', result.Output.Select(o => o.BaseObject switch
            {
                ErrorRecord e => $"{e.FullyQualifiedErrorId} {e.Exception} {e.ErrorDetails} {e.TargetObject}",
                InformationalRecord r => r.Message,
                _ => string.Join(' ', o.Properties.Select(p => p.Value)),
            }));
            Assert.Contains("/secrets/create -> 201", text);
            Assert.Contains($"SecretExists,{Commands}NewDockerSecretCommand", text);
            Assert.Contains($"{_prefix}-quiet", text);
            Assert.DoesNotContain(Value, text);
            Assert.DoesNotContain(encoded, text);
            Assert.Equal([$"{_prefix}-quiet"], Listed());
        }
        finally
        {
            TestSwarm.RemoveAll("secret", Label);
        }
    }

    [Fact]
    public void WhatIfCreatesAndRemovesNothing()
    {
        try
        {
            var result = OnManager($$"""
                New-DockerSecret {{_prefix}}-whatif ([System.Net.NetworkCredential]::new('', 'x').SecurePassword) -WhatIf
                'x' | New-DockerSecret {{_prefix}}-whatif -WhatIf
                """);
            Assert.Empty(result.Errors);
            Assert.Empty(result.Output);
            Assert.Empty(TestSwarm.Cli("secret", "ls", "--filter", $"name={_prefix}-whatif", "-q"));

            TestSwarm.Cli("secret", "create", "--label", Label, $"{_prefix}-kept", Path.Combine(TestEnvironment.RepoRoot, "README.md"));
            var kept = OnManager($"Get-DockerSecret {_prefix}-kept | Remove-DockerSecret -WhatIf");
            Assert.Empty(kept.Errors);
            Assert.Equal([$"{_prefix}-kept"], Listed());
        }
        finally
        {
            TestSwarm.RemoveAll("secret", Label);
        }
    }

    [Fact]
    public void RemovesByNameWildcardIdAndPipedObjects()
    {
        var file = Path.Combine(TestEnvironment.RepoRoot, "README.md");
        try
        {
            foreach (var name in new[] { "a", "b", "c", "d" })
            {
                TestSwarm.Cli("secret", "create", "--label", Label, $"{_prefix}-rm-{name}", file);
            }
            var id = TestSwarm.Cli("secret", "inspect", $"{_prefix}-rm-c", "--format", "{{.ID}}");
            var result = OnManager($"'{_prefix}-rm-a' | Remove-DockerSecret; Get-DockerSecret {_prefix}-rm-b | Remove-DockerSecret; Remove-DockerSecret -Id {id[..10]}; Remove-DockerSecret {_prefix}-rm-*");
            Assert.Empty(RunResult.Described(result.Errors));
            Assert.Empty(Listed());
        }
        finally
        {
            TestSwarm.RemoveAll("secret", Label);
        }
    }

    [Fact]
    public void ErrorsHaveTheirOwnIds()
    {
        var service = $"{_prefix}-svc";
        var file = Path.Combine(TestEnvironment.RepoRoot, "README.md");
        try
        {
            TestSwarm.Cli("secret", "create", "--label", Label, $"{_prefix}-used", file);
            // A service of no replicas uses the secret without running anything.
            TestSwarm.Cli("service", "create", "--detach", "--quiet", "--replicas", "0", "--name", service, "--label", Label, "--secret", $"{_prefix}-used", TestEnvironment.Image, "true");

            var result = OnManager($$"""
                Get-DockerSecret {{_prefix}}-none
                Remove-DockerSecret {{_prefix}}-none, {{_prefix}}-used
                'x' | New-DockerSecret {{_prefix}}-used
                'x' | New-DockerSecret 'not a name!'
                @() | New-DockerSecret {{_prefix}}-empty
                New-DockerSecret {{_prefix}}-nofile -Path ./dps-no-such-file
                """);
            Assert.Equal([$"SecretNotFound,{Commands}GetDockerSecretCommand", $"SecretNotFound,{Commands}RemoveDockerSecretCommand",
                $"SecretInUse,{Commands}RemoveDockerSecretCommand", $"SecretExists,{Commands}NewDockerSecretCommand",
                $"InvalidArgument,{Commands}NewDockerSecretCommand", $"InvalidArgument,{Commands}NewDockerSecretCommand",
                $"LocalPathNotFound,{Commands}NewDockerSecretCommand"], result.ErrorIds);
            Assert.Contains(service, result.Errors[2].ToString());
            Assert.Equal($"{_prefix}-used", result.Errors[2].TargetObject);
            Assert.Equal([$"{_prefix}-used"], Listed());

            // The shared main engine is in no swarm.
            var notManager = _ps.Run("Get-DockerSecret; 'x' | New-DockerSecret dps-never; Remove-DockerSecret dps-never");
            Assert.Equal([$"NotSwarmManager,{Commands}GetDockerSecretCommand", $"NotSwarmManager,{Commands}NewDockerSecretCommand",
                $"NotSwarmManager,{Commands}RemoveDockerSecretCommand"], notManager.ErrorIds);
        }
        finally
        {
            TestSwarm.RemoveAll("secret", Label, service);
        }
    }

    [Fact]
    public void NamesAndIdsCompleteFromTheManagerGiven()
    {
        try
        {
            TestSwarm.Cli("secret", "create", "--label", Label, $"{_prefix}-tab", Path.Combine(TestEnvironment.RepoRoot, "README.md"));
            var id = TestSwarm.Cli("secret", "inspect", $"{_prefix}-tab", "--format", "{{.ID}}");
            Assert.Equal([$"{_prefix}-tab"], Completion.Complete(_ps, $"Remove-DockerSecret -DockerHost {Manager} {_prefix}-t"));
            Assert.Equal([id], Completion.Complete(_ps, $"Get-DockerSecret -DockerHost {Manager} -Id {id[..8]}"));
        }
        finally
        {
            TestSwarm.RemoveAll("secret", Label);
        }
    }
}
