using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// -WithRegistryAuth on the test swarm: a private image in the swarm's registry (tests/env/swarm.sh, with up.sh's
/// login), which the workers pull only with the credentials the manager hands them. Connect-DockerRegistry stores the
/// credentials in this test's own DOCKER_CONFIG, as a user's login would.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ServiceRegistryAuthTests(EngineFixture fixture) : IDisposable
{
    private const string Commands = "DockerPS.Commands.";
    private const string Image = "dockerps-test/busybox:latest";
    private const string Settings = "-Constraint node.role==worker -StopGracePeriod 1s -UpdateMonitor 1s -Command sleep, 600";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _config = Directory.CreateTempSubdirectory("dps-service-config-").FullName;
    private readonly string _prefix = $"dps-{fixture.RunId}-svcauth";

    public void Dispose()
    {
        TestEnvironment.ResetEnvironment();
        Directory.Delete(_config, recursive: true);
    }

    [Fact]
    public void WorkersPullAPrivateImageOnlyWithTheCallersCredentialsWhichNoStreamShows()
    {
        var (denied, allowed) = ($"{_prefix}-denied", $"{_prefix}-allowed");
        // Two tags of one image: a worker that pulled one with the credentials still lacks the other.
        var (first, second) = ($"{TestSwarm.Registry}/dps-test/{_prefix}:first", $"{TestSwarm.Registry}/dps-test/{_prefix}:second");
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _config);
        var vars = new Hashtable { ["cred"] = new PSCredential(TestRegistry.User, new NetworkCredential("", TestRegistry.Password).SecurePassword) };
        try
        {
            var pushed = TestSwarm.OnManager(_ps, $"""
                Connect-DockerRegistry {TestSwarm.Registry} -Credential $cred | Out-Null
                Add-DockerImageTag {Image} {first}, {second}
                Push-DockerImage {first}, {second}
                """, vars);
            Assert.Empty(RunResult.Described(pushed.Errors));
            Assert.Equal(2, pushed.Output.Count);

            // Without the credentials the workers cannot pull it: every task is rejected, and the wait says why.
            var refused = TestSwarm.OnManager(_ps, $"New-DockerService {first} -Name {denied} {Settings} -Timeout 10");
            var error = Assert.Single(refused.Errors);
            Assert.Equal($"ServiceNotConverged,{Commands}NewDockerServiceCommand", error.FullyQualifiedErrorId);
            Assert.Contains($"Service {denied} did not converge in 10 s: 0 of 1 tasks running", error.Exception.Message);
            Assert.Matches($@"Task {denied}\.1 on swarm-node[23] is rejected: No such image: {Regex.Escape(first)}\.$", error.Exception.Message);

            // With them (for the image it runs, as no -Image names another), an update brings it up, and a new service runs on both workers.
            var updated = TestSwarm.OnManager(_ps, $"Set-DockerService {denied} -Force -WithRegistryAuth -Timeout 60");
            Assert.Empty(RunResult.Described(updated.Errors));
            var created = TestSwarm.OnManager(_ps, $"New-DockerService {second} -Name {allowed} -Replicas 2 -MaxReplicasPerNode 1 -WithRegistryAuth {Settings} -Timeout 60 -Verbose -Debug");
            Assert.Empty(RunResult.Described(created.Errors));
            Assert.Equal(2UL, Assert.Single(created.Output).Properties["RunningTasks"].Value);
            Assert.Equal(["swarm-node2 Running", "swarm-node3 Running"], RunningTasks(allowed));
            Assert.Matches("^swarm-node[23] Running$", Assert.Single(RunningTasks(denied)));

            // -Debug names the credentials the create call carries without showing them; no stream holds them.
            Assert.Contains(created.Debug, d => d.Message.Contains("/services/create -> 201") && d.Message.EndsWith(", X-Registry-Auth (redacted)"));
            var everything = string.Join("\n", created.Output.Select(o => o + " " + string.Join(" ", o.Properties.Select(p => $"{p.Name}={p.Value}")))
                .Concat(created.Verbose.Select(v => v.Message)).Concat(created.Debug.Select(d => d.Message)).Concat(created.Warnings.Select(w => w.Message))
                .Concat(created.Progress.Select(p => p.Activity + " " + p.StatusDescription)).Append(created.HostText));
            Assert.Contains("Credentials for " + TestSwarm.Registry, everything);
            Assert.All(new[] { TestRegistry.Password, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestRegistry.User}:{TestRegistry.Password}")) },
                secret => Assert.DoesNotContain(secret, everything));
        }
        finally
        {
            TestSwarm.RemoveServices(denied, allowed);
            TestSwarm.RemoveImage(first);
            TestSwarm.RemoveImage(second);
        }
    }

    /// <summary>The nodes and states of a service's tasks meant to run, as <c>docker service ps</c> shows them, sorted.</summary>
    private static string[] RunningTasks(string service) =>
        [.. TestSwarm.Cli("service", "ps", service, "--filter", "desired-state=running", "--format", "{{.Node}} {{.CurrentState}}")
            .Split('\n').Select(line => string.Join(' ', line.Split(' ').Take(2))).Order()];
}
