using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Containers' health as the list and inspect read it, and Wait-DockerContainer -Condition healthy (and -Timeout), with
/// health checks probing every 200 ms.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerHealthTests(EngineFixture fixture) : IDisposable
{
    private const string Wait = "DockerPS.Commands.WaitDockerContainerCommand";
    private const string NoProbes = "Podman 4.3 runs health checks from systemd timers, which its service here does not have: the status stays starting";

    private readonly PowerShellSession _ps = fixture.Session;
    private readonly List<string> _made = [];

    /// <summary>
    /// Removes the test's containers at once: each probe is four engine events, and the engine keeps only its last 256,
    /// which tests of events read back.
    /// </summary>
    public void Dispose()
    {
        if (_made.Count > 0)
        {
            DockerCli.Run(["rm", "-f", .. _made]);
        }
    }

    /// <summary>A started container of this run whose health check runs <paramref name="probe"/> every <paramref name="interval"/> ms; returns its name.</summary>
    private string Checked(string probe, int interval = 200, string command = "sleep 600")
    {
        var name = $"dps-health-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        var result = _ps.Run($$"""
            Invoke-DockerContainer {{TestEnvironment.Image}} -Name {{name}} -Label @{ '{{EngineFixture.Label}}' = '{{fixture.RunId}}' } -Detach `
                -Config @{ Healthcheck = @{ Test = @('CMD-SHELL', '{{probe}}'); Interval = {{interval}}000000; Retries = 2 } } -- sh -c '{{command}}'
            """);
        _made.Add(name);
        Assert.Empty(result.Errors);
        return name;
    }

    /// <summary>An object's Health as Status|FailingStreak|LastExitCode|LastOutput (nulls empty).</summary>
    private static string HealthOf(PSObject container)
    {
        var health = PSObject.AsPSObject(container.Properties["Health"].Value);
        return string.Join('|', new[] { "Status", "FailingStreak", "LastExitCode", "LastOutput" }.Select(p => health.Properties[p].Value?.ToString()));
    }

    private string HealthOf(string command) => HealthOf(Assert.Single(_ps.Run(command).Output));

    [SkippableFact]
    public void AHealthyContainerIsWaitedForAndReadsHealthyInTheListAndInspect()
    {
        TestEngine.SkipOnPodman(NoProbes);
        var name = Checked("echo fine");

        var result = _ps.Run($"Wait-DockerContainer {name} -Condition healthy -Timeout 30");

        Assert.Empty(result.Errors);
        var detail = Assert.Single(result.Output);
        Assert.Equal("DockerPS.ContainerDetail", detail.BaseObject.GetType().FullName);
        Assert.Equal(name, detail.Properties["Name"].Value);
        Assert.Equal("healthy|0|0|fine", HealthOf(detail));
        Assert.Equal("healthy", detail.Properties["Health"].Value.ToString());

        var row = Assert.Single(_ps.Run($"Get-DockerContainer -Name {name}").Output);
        Assert.Equal("healthy|||", HealthOf(row));
        Assert.EndsWith("(healthy)", (string)row.Properties["Status"].Value);
    }

    [SkippableFact]
    public void AnUnhealthyContainerIsAnErrorNamingTheLastProbe()
    {
        TestEngine.SkipOnPodman(NoProbes);
        var name = Checked("echo broken-$((1+1)); exit 3");

        var result = _ps.Run($"Wait-DockerContainer {name} -Condition healthy -Timeout 30");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerUnhealthy,{Wait}", error.FullyQualifiedErrorId);
        Assert.Equal(name, error.TargetObject);
        Assert.Contains("exited with 3: broken-2", error.Exception.Message);
        Assert.Matches(@"^unhealthy\|\d+\|3\|broken-2$", HealthOf($"Get-DockerContainer -Name {name} -Detail"));
        Assert.Equal("unhealthy|||", HealthOf($"Get-DockerContainer -Name {name}"));
    }

    [Fact]
    public void WaitingForHealthThatDoesNotComeTimesOut()
    {
        // The first probe is a minute away: the health stays starting.
        var name = Checked("true", interval: 60_000);

        var result = _ps.Run($"Wait-DockerContainer {name} -Condition healthy -Timeout 1; Wait-DockerContainer {fixture.RunningName} -Timeout 1");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { $"WaitTimeout,{Wait}", $"WaitTimeout,{Wait}" }, result.ErrorIds);
        Assert.Equal(new object[] { name, fixture.RunningName }, result.Errors.Select(e => e.TargetObject));
        Assert.Equal(ErrorCategory.OperationTimeout, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("starting|0||", HealthOf($"Get-DockerContainer -Name {name} -Detail"));
    }

    [Fact]
    public void WaitingForHealthThatCannotComeIsAnErrorAndThePipelineGoesOn()
    {
        // Its health stays starting until it stops.
        var stopping = Checked("true", interval: 60_000, command: "sleep 1");

        var result = _ps.Run($"'{fixture.RunningName}', '{fixture.ExitedName}', '{stopping}' | Wait-DockerContainer -Condition healthy -Timeout 30");

        Assert.Empty(result.Output);
        Assert.Equal(new[] { $"NoHealthCheck,{Wait}", $"ContainerNotRunning,{Wait}", $"ContainerNotRunning,{Wait}" }, result.ErrorIds);
        Assert.Equal(new object[] { fixture.RunningName, fixture.ExitedName, stopping }, result.Errors.Select(e => e.TargetObject));
        Assert.Equal("none|||", HealthOf($"Get-DockerContainer -Name {fixture.RunningName}"));
        Assert.Equal("none|||", HealthOf($"Get-DockerContainer -Name {fixture.RunningName} -Detail"));
    }
}
