using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>DockerPS's own types by name in PowerShell: type literals, typed parameters, casts and typed catch.</summary>
[Collection(EngineCollection.Name)]
public sealed class TypeNameTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    [Fact]
    public void ResolvesOutputAndExceptionTypesByName()
    {
        var result = _ps.Run("[DockerPS.Container], [DockerPS.ImageDetail], [DockerPS.ContainerExitException], [DockerPS.DockerEngineException], [DockerPS.DockerPSException] | ForEach-Object FullName");

        Assert.Empty(result.Errors);
        Assert.Equal(["DockerPS.Container", "DockerPS.ImageDetail", "DockerPS.ContainerExitException", "DockerPS.DockerEngineException", "DockerPS.DockerPSException"],
            result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void TypedParameterTakesOurObjectsAndRefusesOthers()
    {
        var result = _ps.Run($$"""
            function Get-Name([Parameter(ValueFromPipeline)][DockerPS.Container] $Container) { process { $Container.Name } }
            Get-DockerContainer -Name {{fixture.ExitedName}} | Get-Name
            Get-Name -Container 'text'
            """);

        Assert.Equal([fixture.ExitedName], result.Output.Select(o => o.ToString()));
        Assert.Equal(["ParameterArgumentTransformationError,Get-Name"], result.ErrorIds);
    }

    [Fact]
    public void CastsAndTypeTestsWork()
    {
        var result = _ps.Run($"""
            $found = Get-DockerContainer -Name {fixture.ExitedName}
            $found -is [DockerPS.Container]
            ([DockerPS.Container]$found).Name
            ([DockerPS.Container[]]@($found, $found)).Count
            $found -is [DockerPS.ContainerDetail]
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(["True", fixture.ExitedName, "2", "False"], result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void CatchesAContainerExitByType()
    {
        var result = _ps.Run($$"""
            try { Invoke-DockerContainer {{TestEnvironment.Image}} -Remove -Label @{ 'dockerps.test' = '{{fixture.RunId}}' } -Command sh, -c, 'exit 3' -ErrorAction Stop }
            catch [DockerPS.ContainerExitException] { 'exit ' + $_.Exception.ExitCode }
            catch { 'untyped ' + $_.Exception.GetType().FullName }
            """);

        Assert.Equal(["exit 3"], result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void CatchesAnEngineFailureByType()
    {
        var result = _ps.Run("""
            try { Get-DockerVersion -DockerHost unix:///nonexistent/docker.sock -ErrorAction Stop }
            catch [DockerPS.DockerEngineException] { $_.Exception.Code.Id; $_.FullyQualifiedErrorId }
            catch { 'untyped ' + $_.Exception.GetType().FullName }
            """);

        Assert.Equal(["EngineUnreachable", "EngineUnreachable,DockerPS.Commands.GetDockerVersionCommand"], result.Output.Select(o => o.ToString()));
    }
}
