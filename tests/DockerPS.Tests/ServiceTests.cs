using System.Text.RegularExpressions;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The service cmdlets on the test swarm (tests/env/swarm.sh: one manager, two workers), checked with the docker CLI on
/// the manager. Services are named with this run's id and removed in a finally; their tasks stop within a second
/// (-StopGracePeriod 1s -UpdateMonitor 1s) so that updates take seconds.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ServiceTests(EngineFixture fixture)
{
    private const string Commands = "DockerPS.Commands.";
    private const string Image = "dockerps-test/busybox:latest";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _prefix = $"dps-{fixture.RunId}-svc";

    private RunResult OnManager(string script) => TestSwarm.OnManager(_ps, script);

    private static void Remove(params string[] names) => TestSwarm.RemoveServices(names);

    [Fact]
    public void ACreatedServiceReachesItsReplicasOnSeveralNodesAsTheCliShowsIt()
    {
        var name = $"{_prefix}-create";
        try
        {
            var created = OnManager($"New-DockerService {Image} -Name {name} -Replicas 3 -Environment @{{ A = '1' }} -Label @{{ tier = 'web' }} -StopGracePeriod 1s -UpdateMonitor 1s -Command sleep, 600");
            Assert.Empty(RunResult.Described(created.Errors));
            var service = Assert.Single(created.Output);
            Assert.Equal("DockerPS.Service", service.BaseObject.GetType().FullName);
            // Written once converged: every task runs.
            Assert.Equal(3UL, service.Properties["RunningTasks"].Value);
            Assert.Equal(TestSwarm.Cli("service", "ls", "--filter", $"name={name}", "--format", "{{.ID}} {{.Name}} {{.Mode}} {{.Replicas}} {{.Image}}"),
                $"{((string)service.Properties["Id"].Value!)[..12]} {name} replicated 3/3 {Image}");
            Assert.Equal("[\"A=1\"] web", TestSwarm.Cli("service", "inspect", name, "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Env}} {{.Spec.Labels.tier}}"));

            var tasks = OnManager($"Get-DockerService {name} | Get-DockerServiceTask -DesiredState running");
            Assert.Empty(tasks.Errors);
            Assert.Equal(TestSwarm.Cli("service", "ps", name, "--filter", "desired-state=running", "--format", "{{.Name}} {{.Node}}").Split('\n').Order(),
                tasks.Output.Select(t => $"{t.Properties["Name"].Value} {t.Properties["Node"].Value}").Order());
            Assert.True(tasks.Property("Node").Distinct().Count() >= 2, $"The tasks all ran on one node: {string.Join(", ", tasks.Property("Node"))}");
        }
        finally
        {
            Remove(name);
        }
    }

    [Fact]
    public void AServiceTheCliCreatedReadsAsTheCliShowsIt()
    {
        var name = $"{_prefix}-cli";
        try
        {
            TestSwarm.Cli("service", "create", "--detach", "--name", name, "--replicas", "0", "--env", "B=2", "--label", "team=ops",
                "--constraint", "node.role==worker", "--publish", "published=18081,target=80,mode=host", Image, "sleep", "600");
            var result = OnManager($"Get-DockerService {name}");
            Assert.Empty(result.Errors);
            var service = Assert.Single(result.Output);
            Assert.Equal(TestSwarm.Cli("service", "inspect", name, "--format", "{{.ID}} {{.Spec.Mode.Replicated.Replicas}} {{json .Spec.TaskTemplate.ContainerSpec.Args}}"),
                $"{service.Properties["Id"].Value} {service.Properties["Replicas"].Value} [\"sleep\",\"600\"]");
            Assert.Equal(["B=2"], (IEnumerable<string>)service.Properties["Environment"].Value!);
            Assert.Equal(["node.role==worker"], (IEnumerable<string>)service.Properties["Constraints"].Value!);
            Assert.Equal(["*:18081->80/tcp"], (IEnumerable<string>)service.Properties["Ports"].Value!);
            Assert.Equal("ops", ((IDictionary<string, string>)service.Properties["Labels"].Value!)["team"]);
        }
        finally
        {
            Remove(name);
        }
    }

    [Fact]
    public void AFailingUpdateRollsBackAndSaysWhichTaskFailed()
    {
        var name = $"{_prefix}-rollback";
        try
        {
            Assert.Empty(OnManager($"New-DockerService {Image} -Name {name} -Replicas 2 -StopGracePeriod 1s -UpdateMonitor 1s -Command sleep, 600").Errors);
            var update = OnManager($"Set-DockerService {name} -Command false -UpdateFailureAction rollback -UpdateMonitor 2s -Timeout 120");
            var error = Assert.Single(update.Errors);
            Assert.Equal($"ServiceUpdateFailed,{Commands}SetDockerServiceCommand", error.FullyQualifiedErrorId);
            Assert.Contains("rolled back", error.Exception.Message);
            Assert.Matches($@"Task {name}\.[12] on swarm-node\d is (failed|rejected)", error.Exception.Message);
            Assert.Equal("[\"sleep\",\"600\"] rollback_completed",
                TestSwarm.Cli("service", "inspect", name, "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Args}} {{.UpdateStatus.State}}"));

            // Scaling down is no rolling update: it converges at once.
            var scaled = OnManager($"Set-DockerService {name} -Replicas 1 -PassThru");
            Assert.Empty(scaled.Errors);
            Assert.Equal("1/1", Assert.Single(scaled.Output).Properties["ReplicaStatus"].Value);
        }
        finally
        {
            Remove(name);
        }
    }

    [Fact]
    public void AServiceWhoseHealthCheckFailsDoesNotConvergeAndSaysWhichTaskFailedAndWhy()
    {
        var name = $"{_prefix}-unhealthy";
        const string Unhealthy = "task: non-zero exit (137): dockerexec: unhealthy container";
        try
        {
            // A task starts and is not running until healthy: this one turns unhealthy after a second, is killed and replaced.
            var result = OnManager($"New-DockerService {Image} -Name {name} -HealthCommand false -HealthInterval 1s -HealthRetries 1 -StopGracePeriod 1s -UpdateMonitor 1s -Timeout 10 -Command sleep, 600");
            var error = Assert.Single(result.Errors);
            Assert.Equal($"ServiceNotConverged,{Commands}NewDockerServiceCommand", error.FullyQualifiedErrorId);
            Assert.Contains($"Service {name} did not converge in 10 s: 0 of 1 tasks running", error.Exception.Message);
            Assert.Matches($@"Task {name}\.1 on swarm-node\d is failed: {Regex.Escape(Unhealthy)}\.$", error.Exception.Message);
            Assert.Contains($"{name}.1 Failed \"{Unhealthy}\"",
                TestSwarm.Cli("service", "ps", name, "--no-trunc", "--format", "{{.Name}} {{.CurrentState}} {{.Error}}").Split('\n')
                    .Select(line => Regex.Replace(line, @" \d+ seconds? ago", "")));
        }
        finally
        {
            Remove(name);
        }
    }

    [Fact]
    public void ASecretAndAConfigReachTheTasksAndTheirLogsSayWhereEachLineCameFrom()
    {
        var name = $"{_prefix}-files";
        try
        {
            var result = OnManager($$"""
                $secret = [System.Net.NetworkCredential]::new('', 's3cret-{{_prefix}}').SecurePassword
                New-DockerSecret {{name}}-secret $secret | Out-Null
                'debug=true' | New-DockerConfig {{name}}-config | Out-Null
                New-DockerService {{Image}} -Name {{name}} -Replicas 2 -StopGracePeriod 1s -UpdateMonitor 1s -Secret {{name}}-secret -Config 'source={{name}}-config,target=/etc/app.conf,mode=0440' -Command sh, -c, 'cat /run/secrets/{{name}}-secret; echo; cat /etc/app.conf; echo; stat -c %a /etc/app.conf; sleep 600' | Out-Null
                Get-DockerServiceLog {{name}}
                """);
            Assert.Empty(RunResult.Described(result.Errors));
            Assert.Equal(6, result.Output.Count);
            Assert.Equal(2, result.Output.Count(l => (string)l.Properties["Text"].Value! == $"s3cret-{_prefix}"));
            Assert.Equal(2, result.Output.Count(l => (string)l.Properties["Text"].Value! == "debug=true"));
            Assert.Equal(2, result.Output.Count(l => (string)l.Properties["Text"].Value! == "440"));
            Assert.All(result.Output, l => Assert.Matches($@"^{name}\.[12]$", (string)l.Properties["Task"].Value!));
            Assert.All(result.Output, l => Assert.StartsWith("swarm-node", (string)l.Properties["Node"].Value!));
            var tasks = TestSwarm.Cli("service", "ps", name, "--format", "{{.Name}}@{{.Node}}").Split('\n');
            Assert.All(result.Output, l => Assert.Contains($"{l.Properties["Task"].Value}@{l.Properties["Node"].Value}", tasks));
        }
        finally
        {
            Remove(name);
            TestSwarm.Cli("secret", "rm", $"{name}-secret");
            TestSwarm.Cli("config", "rm", $"{name}-config");
        }
    }

    [Fact]
    public void TheOptionsRunbooksUseReadBackFromTheEngineAndCanBeRemoved()
    {
        var name = $"{_prefix}-options";
        try
        {
            var created = OnManager($$"""
                New-DockerService {{Image}} -Name {{name}} -Replicas 0 -Detach -HealthCommand 'true' -HealthInterval 5s -HealthRetries 2 `
                    -RestartCondition on-failure -RestartMaxAttempts 3 -RestartDelay 2s -PlacementPreference spread=node.labels.zone `
                    -MaxReplicasPerNode 2 -LimitCpu 0.5 -LimitMemory 64m -ReserveCpu 0.1 -ReserveMemory 16m -UpdateOrder start-first `
                    -UpdateDelay 3s -RollbackParallelism 2 -RollbackOrder start-first -Mount 'type=volume,source={{name}},target=/data' `
                    -EndpointMode dnsrr -User nobody -WorkingDirectory /tmp -Hostname node-host -StopSignal SIGINT -ContainerLabel @{ c = '1' } -Command sleep, 600
                """);
            Assert.Empty(RunResult.Described(created.Errors));
            string Read(string format) => TestSwarm.Cli("service", "inspect", name, "--format", format);
            Assert.Equal("[\"CMD-SHELL\",\"true\"] 5s 2", Read("{{json .Spec.TaskTemplate.ContainerSpec.Healthcheck.Test}} {{.Spec.TaskTemplate.ContainerSpec.Healthcheck.Interval}} {{.Spec.TaskTemplate.ContainerSpec.Healthcheck.Retries}}"));
            Assert.Equal("on-failure 3 2s", Read("{{.Spec.TaskTemplate.RestartPolicy.Condition}} {{.Spec.TaskTemplate.RestartPolicy.MaxAttempts}} {{.Spec.TaskTemplate.RestartPolicy.Delay}}"));
            Assert.Equal("node.labels.zone 2", Read("{{range .Spec.TaskTemplate.Placement.Preferences}}{{.Spread.SpreadDescriptor}}{{end}} {{.Spec.TaskTemplate.Placement.MaxReplicas}}"));
            Assert.Equal("500000000 67108864 100000000 16777216", Read("{{.Spec.TaskTemplate.Resources.Limits.NanoCPUs}} {{.Spec.TaskTemplate.Resources.Limits.MemoryBytes}} {{.Spec.TaskTemplate.Resources.Reservations.NanoCPUs}} {{.Spec.TaskTemplate.Resources.Reservations.MemoryBytes}}"));
            Assert.Equal("start-first 3s 2 start-first", Read("{{.Spec.UpdateConfig.Order}} {{.Spec.UpdateConfig.Delay}} {{.Spec.RollbackConfig.Parallelism}} {{.Spec.RollbackConfig.Order}}"));
            Assert.Equal($"volume {name} /data dnsrr", Read("{{range .Spec.TaskTemplate.ContainerSpec.Mounts}}{{.Type}} {{.Source}} {{.Target}}{{end}} {{.Spec.EndpointSpec.Mode}}"));
            Assert.Equal("nobody /tmp node-host SIGINT 1", Read("{{.Spec.TaskTemplate.ContainerSpec.User}} {{.Spec.TaskTemplate.ContainerSpec.Dir}} {{.Spec.TaskTemplate.ContainerSpec.Hostname}} {{.Spec.TaskTemplate.ContainerSpec.StopSignal}} {{.Spec.TaskTemplate.ContainerSpec.Labels.c}}"));

            var removed = OnManager($"Set-DockerService {name} -RemoveMount /data -RemovePlacementPreference spread=node.labels.zone -RemoveContainerLabel c -Detach");
            Assert.Empty(RunResult.Described(removed.Errors));
            Assert.Equal("0 0 0", Read("{{len .Spec.TaskTemplate.ContainerSpec.Mounts}} {{len .Spec.TaskTemplate.Placement.Preferences}} {{len .Spec.TaskTemplate.ContainerSpec.Labels}}"));
            Assert.Equal("on-failure nobody", Read("{{.Spec.TaskTemplate.RestartPolicy.Condition}} {{.Spec.TaskTemplate.ContainerSpec.User}}"));
        }
        finally
        {
            Remove(name);
        }
    }

    [Fact]
    public void BadInputAndUnknownObjectsAreTheirOwnErrorsAndWhatIfCreatesNothing()
    {
        var name = $"{_prefix}-errors";
        try
        {
            var result = OnManager($"""
                New-DockerService {Image} -Name {name} -WhatIf
                New-DockerService {Image} -Name {name} -Constraint 'node.role=manager'
                New-DockerService {Image} -Name {name} -Secret {name}-missing
                New-DockerService {Image} -Name {name} -Detach -Replicas 0 | Out-Null
                New-DockerService {Image} -Name {name} -Detach
                Set-DockerService {name} -Rollback
                Set-DockerService {name}, {_prefix}-none -Force -Detach
                Get-DockerServiceTask {_prefix}-none
                Remove-DockerService {_prefix}-none
                """);
            Assert.Equal(
                [$"InvalidConstraint,{Commands}NewDockerServiceCommand", $"SecretNotFound,{Commands}NewDockerServiceCommand",
                 $"ServiceExists,{Commands}NewDockerServiceCommand", $"NoPreviousSpec,{Commands}SetDockerServiceCommand",
                 $"ServiceNotFound,{Commands}SetDockerServiceCommand", $"ServiceNotFound,{Commands}GetDockerServiceTaskCommand",
                 $"ServiceNotFound,{Commands}RemoveDockerServiceCommand"],
                result.Errors.Select(e => e.FullyQualifiedErrorId));
            Assert.Single(TestSwarm.Cli("service", "ls", "--filter", $"name={name}", "-q").Split('\n'));

            var notManager = _ps.Run("Get-DockerService");
            Assert.Equal($"NotSwarmManager,{Commands}GetDockerServiceCommand", Assert.Single(notManager.Errors).FullyQualifiedErrorId);
        }
        finally
        {
            Remove(name);
        }
    }
}
