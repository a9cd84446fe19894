namespace DockerPS.Tests.Harness;

/// <summary>The test swarm's manager (tests/env/swarm.sh: swarm-node1), for tests of what a swarm keeps (secrets, configs).</summary>
public static class TestSwarm
{
    public static readonly string Manager = TestEnvironment.SwarmHosts[0];

    /// <summary>The docker CLI on the manager.</summary>
    public static string Cli(params string[] args) =>
        DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = Manager }, args).Trim();

    /// <summary>A script whose DockerPS cmdlets all go to the manager.</summary>
    public static RunResult OnManager(PowerShellSession ps, string script) =>
        ps.Run($"$PSDefaultParameterValues['*-Docker*:DockerHost'] = '{Manager}'; try {{ {script} }} finally {{ $PSDefaultParameterValues.Remove('*-Docker*:DockerHost') }}");

    /// <summary>The names of the objects of a kind (secret, config) with a label, as <c>docker KIND ls</c> lists them, sorted.</summary>
    public static string[] Names(string kind, string label) =>
        Cli(kind, "ls", "--filter", $"label={label}", "--format", "{{.Name}}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();

    /// <summary>Removes the objects of a kind with a label, and a service first when given (it may use them).</summary>
    public static void RemoveAll(string kind, string label, string? service = null)
    {
        if (service is not null && Cli("service", "ls", "--filter", $"name={service}", "-q").Length > 0)
        {
            Cli("service", "rm", service);
        }
        foreach (var name in Names(kind, label))
        {
            Cli(kind, "rm", name);
        }
    }
}
