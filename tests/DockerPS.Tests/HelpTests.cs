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
    }

    private static string Text(object? value) => value is null ? "" : PSObject.AsPSObject(value).ToString();

    [Fact]
    public void AboutTopicIsThere()
    {
        var text = _ps.Run("Get-Help about_DockerPS | Out-Default").HostText;

        Assert.Contains("DOCKER_HOST", text);
        Assert.Contains("EngineUnreachable", text);
    }
}
