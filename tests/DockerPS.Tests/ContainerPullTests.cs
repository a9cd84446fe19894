using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// -Pull of New-DockerContainer and Invoke-DockerContainer (<c>docker run --pull</c>) against the test registry without a
/// login: images of this run pushed there, removed locally, then created from.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerPullTests(EngineFixture fixture)
{
    private const string New = "DockerPS.Commands.NewDockerContainerCommand";
    private const string Registries = "the test registries listen on the host's loopback, outside the network namespace the Podman service runs in";

    private readonly PowerShellSession _ps = fixture.Session;

    private string Label => $"-Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}' }}";

    private string Reference(string name) => $"{TestRegistry.Open}/dps-test/{name}-{fixture.RunId}:v1";

    /// <summary>A new image of this run holding <paramref name="marker"/> in /marker, tagged <paramref name="reference"/> and pushed; returns its id.</summary>
    private string PushImage(string reference, string marker)
    {
        var container = fixture.CliContainer(false, "sh", "-c", $"echo {marker} > /marker");
        DockerCli.Run("start", "-a", container);
        var id = DockerCli.Commit(container, reference, $"LABEL {EngineFixture.Label}={fixture.RunId}");
        DockerCli.Run("push", reference);
        return id;
    }

    private static bool ExistsLocally(string reference) =>
        DockerCli.Lines("images", "-q", reference).Length > 0;

    [SkippableFact]
    public void AMissingImageIsPulledByDefaultAndNotWithPullNever()
    {
        TestEngine.SkipOnPodman(Registries);
        var reference = Reference("pullmissing");
        PushImage(reference, "first");
        DockerCli.Run("rmi", reference);

        var never = _ps.Run($"New-DockerContainer {reference} {Label} -Pull never");
        var whatIf = _ps.Run($"New-DockerContainer {reference} {Label} -WhatIf; New-DockerContainer {reference} {Label} -Pull always -WhatIf");

        Assert.Equal($"ImageNotFound,{New}", Assert.Single(never.ErrorIds));
        Assert.Equal(reference, never.Errors[0].TargetObject);
        Assert.Empty(whatIf.Errors);
        Assert.Empty(whatIf.Output);
        Assert.DoesNotContain(whatIf.Progress, p => p.Activity.StartsWith("Pulling ", StringComparison.Ordinal));
        Assert.False(ExistsLocally(reference));

        var created = _ps.Run($"New-DockerContainer {reference} {Label} -Verbose");

        Assert.Empty(created.Errors);
        var detail = Assert.Single(created.Output);
        Assert.Equal("created", detail.Properties["State"].Value);
        Assert.Contains(created.Verbose, v => v.Message == $"Unable to find image '{reference}' locally.");
        var pulling = created.Progress.Where(p => p.Activity == $"Pulling {reference}").ToArray();
        Assert.NotEmpty(pulling);
        Assert.Equal(ProgressRecordType.Completed, pulling[^1].RecordType);
        Assert.True(ExistsLocally(reference));
        Assert.Equal(reference, DockerCli.Run("inspect", "--format", "{{.Config.Image}}", (string)detail.Properties["Id"].Value).Trim());
    }

    [SkippableFact]
    public void PullAlwaysTakesTheRegistrysImageOverTheLocalOne()
    {
        TestEngine.SkipOnPodman(Registries);
        var reference = Reference("pullalways");
        var local = PushImage(reference, "old");
        PushImage(reference, "new");
        // The registry has the new content under the tag; the engine, the old.
        DockerCli.Run("tag", local, reference);

        var missing = _ps.Run($"Invoke-DockerContainer {reference} -Remove -- cat /marker");
        var always = _ps.Run($"Invoke-DockerContainer {reference} -Remove -Pull always -- cat /marker");

        Assert.Empty(missing.Errors.Concat(always.Errors));
        Assert.Equal("old", Assert.Single(missing.Output).BaseObject);
        Assert.DoesNotContain(missing.Progress, p => p.Activity.StartsWith("Pulling ", StringComparison.Ordinal));
        Assert.Equal("new", Assert.Single(always.Output).BaseObject);
        Assert.Contains(always.Progress, p => p.Activity == $"Pulling {reference}");
    }

    [SkippableFact]
    public void AnImageTheRegistryDoesNotHaveIsThePullsImageNotFound()
    {
        TestEngine.SkipOnPodman(Registries);
        var reference = Reference("pullnosuch");

        var result = _ps.Run($"New-DockerContainer {reference} {Label} -Verbose");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ImageNotFound,{New}", error.FullyQualifiedErrorId);
        Assert.Equal(reference, error.TargetObject);
        Assert.Contains("manifest unknown", error.Exception.Message);
        Assert.Contains(result.Verbose, v => v.Message == $"Unable to find image '{reference}' locally.");
    }
}
