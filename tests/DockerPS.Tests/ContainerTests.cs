using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerTests(EngineFixture fixture)
{
    private const string NotFoundId = "ContainerNotFound,DockerPS.Commands.GetDockerContainerCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    [Fact]
    public void ListsTheSameContainersAsDockerPsAll()
    {
        var cli = DockerCli.Lines("ps", "-a", "--no-trunc", "--format", "{{.ID}}|{{.Names}}|{{.Image}}|{{.State}}").Order().ToArray();

        var result = _ps.Run("Get-DockerContainer");

        Assert.Empty(result.Errors);
        var ours = result.Output.Select(o => $"{o.Properties["Id"].Value}|{o.Properties["Name"].Value}|{o.Properties["Image"].Value}|{o.Properties["State"].Value}").Order().ToArray();
        Assert.Equal(cli, ours);
        Assert.Contains(ours, line => line.Contains(fixture.RunningName) && line.EndsWith("|running"));
    }

    [Fact]
    public void OutputIsTypedAndCarriesItsEngine()
    {
        var result = _ps.Run($"Get-DockerContainer -Name {fixture.ExitedName}");

        var container = Assert.Single(result.Output);
        Assert.Equal("DockerPS.Container", container.BaseObject.GetType().FullName);
        Assert.Equal("exited", container.Properties["State"].Value);
        Assert.StartsWith("Exited (3)", (string)container.Properties["Status"].Value);
        Assert.IsType<DateTime>(container.Properties["Created"].Value);
        var engine = PSObject.AsPSObject(container.Properties["Engine"].Value);
        Assert.Equal(TestEnvironment.ModuleDockerHost, engine.Properties["Endpoint"].Value);
        Assert.Equal("DOCKER_HOST", engine.Properties["Source"].Value);
        Assert.Equal("worker", _ps.Run($"(Get-DockerContainer -Name {fixture.ExitedName}).Labels['dockerps.role']").Output.Single().BaseObject);
    }

    [Fact]
    public void NameWildcardsMatchClientSide()
    {
        var result = _ps.Run($"Get-DockerContainer -Name 'dps-fx-*-{fixture.RunId}'");

        Assert.Empty(result.Errors);
        Assert.Equal(
            new[] { fixture.CreatedName, fixture.ExitedName, fixture.RunningName },
            result.Property("Name").Cast<string>().Order());
    }

    [Fact]
    public void UnknownNameIsANonTerminatingErrorAndThePipelineGoesOn()
    {
        var result = _ps.Run($"'{fixture.ExitedName}', 'no-such-container-{fixture.RunId}', '{fixture.RunningName}' | Get-DockerContainer");

        Assert.Equal(new[] { fixture.ExitedName, fixture.RunningName }, result.Property("Name"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(NotFoundId, error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal($"no-such-container-{fixture.RunId}", error.TargetObject);
    }

    [Fact]
    public void WildcardThatMatchesNothingIsNotAnError()
    {
        var result = _ps.Run($"Get-DockerContainer -Name 'nothing-like-this-{fixture.RunId}*'");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void IdMatchesByPrefix()
    {
        var id = DockerCli.Run("inspect", "--format", "{{.Id}}", fixture.RunningName).Trim();

        var result = _ps.Run($"Get-DockerContainer -Id {id[..10]}");

        Assert.Equal(id, Assert.Single(result.Output).Properties["Id"].Value);
        Assert.Equal(NotFoundId, Assert.Single(_ps.Run("Get-DockerContainer -Id ffffffffffff0000").Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void StatusAndLabelFiltersRunOnTheEngine()
    {
        // Other tests' containers carry the run's label too; a dockerps.state label marks the fixture's own.
        var exited = _ps.Run($"Get-DockerContainer -Status exited -Label {EngineFixture.Label}={fixture.RunId}, dockerps.state");
        Assert.Equal(new[] { fixture.ExitedName }, exited.Property("Name"));
        Assert.Empty(_ps.Run($"Get-DockerContainer -Status running -Label {EngineFixture.Label}={fixture.RunId}, dockerps.role=worker").Output);

        var byValue = _ps.Run($"Get-DockerContainer -Label {EngineFixture.Label}={fixture.RunId}, dockerps.state=created");
        Assert.Equal(new[] { fixture.CreatedName }, byValue.Property("Name"));

        var byHashtable = _ps.Run($"Get-DockerContainer -Filter @{{ label = '{EngineFixture.Label}={fixture.RunId}', 'dockerps.state'; status = 'running', 'created' }}");
        Assert.Equal(new[] { fixture.CreatedName, fixture.RunningName }, byHashtable.Property("Name").Cast<string>().Order());
    }

    [Fact]
    public void BadFilterKeyHasItsOwnErrorId()
    {
        var result = _ps.Run("Get-DockerContainer -Filter @{ nosuchkey = 'x' }");

        var error = Assert.Single(result.Errors);
        Assert.Equal("InvalidFilter,DockerPS.Commands.GetDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("nosuchkey", error.Exception.Message);
    }

    [Fact]
    public void BadStatusIsRejectedBeforeAnyCall()
    {
        var result = _ps.Run("Get-DockerContainer -Status sleeping");

        Assert.StartsWith("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void PipedContainersAreLookedUpAgainByName()
    {
        var result = _ps.Run($"Get-DockerContainer -Label {EngineFixture.Label}={fixture.RunId}, dockerps.state=running | Get-DockerContainer");

        Assert.Equal(new[] { fixture.RunningName }, result.Property("Name"));
    }

    [SkippableFact]
    public void FormatsLikeDockerPs()
    {
        TestEngine.SkipOnPodman("Podman lists a container's command without the quoting docker ps shows");
        var id = DockerCli.Run("inspect", "--format", "{{.Id}}", fixture.ExitedName).Trim();

        var result = _ps.Run($"Get-DockerContainer -Name {fixture.ExitedName} | Out-Default");

        var lines = result.HostText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.First(l => l.Contains("CONTAINER ID"));
        foreach (var column in new[] { "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES" })
        {
            Assert.Contains(column, header);
        }
        var row = Assert.Single(lines, l => l.Contains(fixture.ExitedName));
        Assert.StartsWith(id[..12], row.TrimStart());
        Assert.Contains("\"sh -c 'exit 3'\"", row);
        Assert.Contains("Exited (3)", row);
        Assert.Contains(" ago", row);
    }

    [Fact]
    public void NamesComplete()
    {
        var names = Completion.Complete(_ps, $"Get-DockerContainer -Name dps-fx-exited-{fixture.RunId[..4]}");

        Assert.Contains(fixture.ExitedName, names);
        Assert.DoesNotContain(fixture.RunningName, names);
    }

    [Fact]
    public void IdsCompleteShort()
    {
        var id = DockerCli.Run("inspect", "--format", "{{.Id}}", fixture.RunningName).Trim();

        Assert.Contains(id[..12], Completion.Complete(_ps, $"Get-DockerContainer -Id {id[..6]}"));
    }

    [Fact]
    public void DetailIsTheInspectView()
    {
        var cli = DockerCli.Run("inspect", "--format", "{{.Id}}|{{.Name}}|{{.State.Status}}|{{.State.ExitCode}}|{{.State.Pid}}|{{.Config.Image}}", fixture.ExitedName, fixture.RunningName)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var result = _ps.Run($"Get-DockerContainer {fixture.ExitedName}, nosuch-{fixture.RunId}, {fixture.RunningName} -Detail");

        Assert.Equal(NotFoundId, Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.All(result.Output, o => Assert.Equal("DockerPS.ContainerDetail", o.BaseObject.GetType().FullName));
        Assert.Equal(cli, result.Output.Select(o => $"{o.Properties["Id"].Value}|/{o.Properties["Name"].Value}|{o.Properties["State"].Value}|{o.Properties["ExitCode"].Value}|{o.Properties["Pid"].Value}|{o.Properties["Image"].Value}"));
        Assert.Equal(3L, result.Output[0].Properties["ExitCode"].Value);
        Assert.IsType<DateTime>(result.Output[0].Properties["FinishedAt"].Value);
        Assert.Null(result.Output[0].Properties["StartedAt"].Value is DateTime ? null : "StartedAt missing");
    }

    [Fact]
    public void DetailPipesIntoTheLifecycleCmdlets()
    {
        var name = fixture.CliContainer(false, "true");

        var result = _ps.Run($"Get-DockerContainer {name} -Detail | Start-DockerContainer -PassThru | Wait-DockerContainer");

        Assert.Empty(result.Errors);
        Assert.Equal(0L, Assert.Single(result.Output).Properties["ExitCode"].Value);
    }
}
