using System.Collections;
using Xunit;

namespace DockerPS.Tests.Harness;

/// <summary>The test swarm (tests/env/swarm.sh): its manager (swarm-node1), for tests of what a swarm keeps (secrets, configs), its nodes and registry.</summary>
public static class TestSwarm
{
    public static readonly string Manager = TestEnvironment.SwarmHosts[0];

    /// <summary>The registry the nodes pull from (host:port, plain HTTP), with up.sh's login (<see cref="TestRegistry.User"/>).</summary>
    public static readonly string Registry = TestEnvironment.Setting("DOCKERPS_TEST_SWARM_REGISTRY");

    /// <summary>The docker CLI on the manager.</summary>
    public static string Cli(params string[] args) => CliOn(Manager, args);

    /// <summary>The docker CLI on one node.</summary>
    public static string CliOn(string node, params string[] args) =>
        DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = node }, args).Trim();

    /// <summary>Removes an image reference from every node that has it.</summary>
    public static void RemoveImage(string reference)
    {
        foreach (var node in TestEnvironment.SwarmHosts.Where(n => CliOn(n, "image", "ls", "-q", reference).Length > 0))
        {
            CliOn(node, "image", "rm", reference);
        }
    }

    /// <summary>A script whose DockerPS cmdlets all go to the manager, with <paramref name="variables"/> set.</summary>
    public static RunResult OnManager(PowerShellSession ps, string script, IDictionary? variables = null) =>
        ps.Run($"$PSDefaultParameterValues['*-Docker*:DockerHost'] = '{Manager}'; try {{ {script} }} finally {{ $PSDefaultParameterValues.Remove('*-Docker*:DockerHost') }}", variables);

    /// <summary>The names of the objects of a kind (secret, config) with a label, as <c>docker KIND ls</c> lists them, sorted.</summary>
    public static string[] Names(string kind, string label) =>
        Cli(kind, "ls", "--filter", $"label={label}", "--format", "{{.Name}}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();

    /// <summary>Removes the services of these names that exist.</summary>
    public static void RemoveServices(params string[] names)
    {
        foreach (var name in names.Where(n => Cli("service", "ls", "--filter", $"name={n}", "-q").Length > 0))
        {
            Cli("service", "rm", name);
        }
    }

    /// <summary>Removes the objects of a kind with a label, and a service first when given (it may use them).</summary>
    public static void RemoveAll(string kind, string label, string? service = null)
    {
        if (service is not null)
        {
            RemoveServices(service);
        }
        foreach (var name in Names(kind, label))
        {
            Cli(kind, "rm", name);
        }
    }

    /// <summary>Waits up to 30 s for the swarm to get to a state (tasks to run, removed objects to go from the nodes).</summary>
    public static void WaitFor(Func<bool> condition, string what = "The swarm did not get there")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} in 30 s.");
            Thread.Sleep(250);
        }
    }
}
