using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-Help shows the MAML the build made from docs/help, and that help matches the code.</summary>
[Collection(EngineCollection.Name)]
public sealed class HelpTests(EngineFixture fixture)
{
    // -WhatIf and -Confirm are documented per cmdlet, as platyPS does.
    private static readonly HashSet<string> CommonParameters = [.. Cmdlet.CommonParameters, "UseTransaction"];

    private readonly PowerShellSession _ps = fixture.Session;

    public static TheoryData<string> Cmdlets() => ConventionTests.Cmdlets();

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void FullHelpHasSynopsisDescriptionAndExamples(string name)
    {
        var help = PSObject.AsPSObject(Assert.Single(_ps.Run($"Get-Help {name} -Full").Output));

        var synopsis = ((string)help.Properties["Synopsis"].Value).Trim();
        Assert.False(synopsis.StartsWith(name + " ", StringComparison.Ordinal), $"{name} has generated help only: {synopsis}");
        Assert.NotEmpty(synopsis);
        Assert.NotEmpty(_ps.Run($"(Get-Help {name} -Full).description.Text").Output);
        var examples = _ps.Run($"(Get-Help {name} -Full).examples.example").Output;
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.Contains(name, Text(e.Properties["code"].Value)));
        Assert.Contains("EXAMPLE", _ps.Run($"Get-Help {name} -Full | Out-Default").HostText.ToUpperInvariant());
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EveryParameterIsDocumentedAndNothingElse(string name)
    {
        // name=type=required as the code declares them, and as the help says.
        var code = _ps.Run($"(Get-Command {name}).Parameters.Values | ForEach-Object {{ $_.Name + '=' + $_.ParameterType.Name + '=' + [bool]($_.ParameterSets.Values | Where-Object IsMandatory) }}")
            .Output.Select(Text).Where(p => !CommonParameters.Contains(p.Split('=')[0])).Order().ToArray();
        var documented = _ps.Run($"(Get-Help {name} -Full).parameters.parameter | ForEach-Object {{ $_.name + '=' + $_.type.name + '=' + [bool]::Parse($_.required) + '=' + (($_.description | ForEach-Object Text) -join ' ') }}")
            .Output.Select(o => Text(o).Split('=', 4)).ToArray();

        Assert.Equal(code, documented.Select(p => string.Join('=', p[..3])).Order().ToArray());
        Assert.All(documented, p => Assert.False(string.IsNullOrWhiteSpace(p[3]), $"{name} -{p[0]} has no description"));
    }

    private static string Text(object? value) => value is null ? "" : PSObject.AsPSObject(value).ToString();

    [Fact]
    public void EveryCompiledCmdletIsExported()
    {
        // The build fills the manifest's CmdletsToExport from the compiled cmdlets; nothing is listed by hand.
        var compiled = _ps.Run("(Get-Module DockerPS).ImplementingAssembly.ExportedTypes | Where-Object { -not $_.IsAbstract -and $_.IsDefined([System.Management.Automation.CmdletAttribute], $false) } | ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; $a.VerbName + '-' + $a.NounName }")
            .Output.Select(Text).Order().ToArray();
        var exported = _ps.Run("(Get-Module DockerPS).ExportedCmdlets.Keys").Output.Select(Text).Order().ToArray();

        Assert.Equal(compiled, exported);
        Assert.True(compiled.Length > 50, $"only {compiled.Length} cmdlets");
    }

    [Fact]
    public void AboutTopicIsThere()
    {
        var text = _ps.Run("Get-Help about_DockerPS | Out-Default").HostText;

        Assert.Contains("DOCKER_HOST", text);
        Assert.Contains("EngineUnreachable", text);
    }
}
