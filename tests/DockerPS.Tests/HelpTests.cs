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
        // name=type=required as the code declares them (a nullable value type as the value it takes), and as the help says.
        var code = _ps.Run($"(Get-Command {name}).Parameters.Values | ForEach-Object {{ $_.Name + '=' + ([Nullable]::GetUnderlyingType($_.ParameterType) ?? $_.ParameterType).Name + '=' + [bool]($_.ParameterSets.Values | Where-Object IsMandatory) }}")
            .Output.Select(Text).Where(p => !CommonParameters.Contains(p.Split('=')[0])).Order().ToArray();
        var documented = _ps.Run($"(Get-Help {name} -Full).parameters.parameter | ForEach-Object {{ $_.name + '=' + $_.type.name + '=' + [bool]::Parse($_.required) + '=' + (($_.description | ForEach-Object Text) -join ' ') }}")
            .Output.Select(o => Text(o).Split('=', 4)).ToArray();

        Assert.Equal(code, documented.Select(p => string.Join('=', p[..3])).Order().ToArray());
        Assert.All(documented, p => Assert.False(string.IsNullOrWhiteSpace(p[3]), $"{name} -{p[0]} has no description"));
        // Prose, not source: a description seeded from the wrong XML comment carries its markers.
        Assert.All(documented, p => Assert.DoesNotMatch(@"(^|\s)///\s|</summary>|\[Parameter\(", p[3]));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void FullHelpShowsEachInputAndOutputTypeAboveItsDescription(string name)
    {
        // Get-Help ran a type's name and its description together ("System.StringContainer names...") when the
        // description sat inside the MAML type element.
        var text = _ps.Run($"Get-Help {name} -Full | Out-Default").HostText.Replace("\r\n", "\n");
        var types = _ps.Run($"$h = Get-Help {name} -Full; @($h.inputTypes.inputType) + @($h.returnValues.returnValue) | ForEach-Object {{ $_.type.name + '|' + ($_.description.Text -join ' ') }}")
            .Output.Select(o => Text(o).Split('|', 2)).ToArray();

        Assert.NotEmpty(types);
        Assert.All(types, t => Assert.False(string.IsNullOrWhiteSpace(t[1]), $"{name}: {t[0]} has no description"));
        Assert.All(types, t => Assert.Contains($"\n    {t[0]}\n        {t[1].Split(' ')[0]}", text));
        var sections = new[] { "NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" }
            .Select(section => text.IndexOf("\n" + section + "\n", StringComparison.Ordinal)).ToArray();
        Assert.All(sections, index => Assert.True(index >= 0, $"{name}: a section is missing"));
        Assert.Equal(sections.Order(), sections);
        // Every example title starts a line of its own (an empty remarks element indented the next one).
        Assert.Matches($"\n    --------- Example 1:", text);
        Assert.DoesNotMatch("\n +--------- Example [2-9]", text.Replace("\n    ---------", "\n---------"));
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
