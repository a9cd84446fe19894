using System.Management.Automation.Language;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Pester is not installable here, so CI at least keeps the Pester specs parseable and their commands real.</summary>
[Collection(EngineCollection.Name)]
public sealed class PesterSpecTests(EngineFixture fixture)
{
    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestEnvironment.RepoRoot, "tests", "Pester"), "*.Tests.ps1"))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void ParsesAndCallsOnlyExportedDockerCommands(string spec)
    {
        var ast = Parser.ParseFile(Path.Combine(TestEnvironment.RepoRoot, "tests", "Pester", spec), out _, out var errors);
        Assert.Empty(errors);

        var exported = fixture.Session.Run("(Get-Module DockerPS).ExportedCommands.Keys").Output.Select(o => o.ToString()).ToHashSet();
        var called = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>()
            .Select(c => c.GetCommandName()).Where(n => n is not null && n.Contains("-Docker", StringComparison.Ordinal)).Distinct().ToArray();

        Assert.NotEmpty(called);
        Assert.All(called, name => Assert.Contains(name, exported));
    }
}
