using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The swarm and node cmdlets on the test swarm (tests/env/swarm.sh: swarm-node1 the manager, swarm-node2 and
/// swarm-node3 workers), checked with the docker CLI on the manager. A test that changes a node puts it back as it
/// was, in a finally; labels carry this run's id.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class NodeTests(EngineFixture fixture)
{
    private const string Commands = "DockerPS.Commands.";
    private readonly PowerShellSession _ps = fixture.Session;
    private static readonly string Manager = TestEnvironment.SwarmHosts[0];
    private static readonly string Worker = TestEnvironment.SwarmHosts[1];

    /// <summary>The docker CLI on the swarm manager.</summary>
    private static string Cli(params string[] args) =>
        DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = Manager }, args).Trim();

    private RunResult OnManager(string script) => _ps.Run($"$PSDefaultParameterValues['*-Docker*:DockerHost'] = '{Manager}'; try {{ {script} }} finally {{ $PSDefaultParameterValues.Remove('*-Docker*:DockerHost') }}");

    [Fact]
    public void ListShowsEveryNodeWithItsRoleAsTheCliDoes()
    {
        var result = OnManager("Get-DockerNode");
        Assert.Empty(result.Errors);
        Assert.All(result.Output, n => Assert.Equal("DockerPS.Node", n.BaseObject.GetType().FullName));
        var shown = result.Output.Select(n => $"{n.Properties["Id"].Value} {n.Properties["Hostname"].Value} {n.Properties["Role"].Value} {n.Properties["Status"].Value} {n.Properties["ManagerStatus"].Value}");
        Assert.Equal(
            Cli("node", "ls", "--format", "{{.ID}} {{.Hostname}} {{if .ManagerStatus}}manager{{else}}worker{{end}} {{lower .Status}} {{.ManagerStatus}}").Split('\n').Select(l => l.TrimEnd()).Order(),
            shown.Select(s => s.TrimEnd()).Order());
        Assert.Equal(["swarm-node1", "swarm-node2", "swarm-node3"], result.Property("Hostname"));
        Assert.Equal(["manager", "worker", "worker"], result.Property("Role"));
        Assert.Equal([true, false, false], result.Property("IsLeader"));
        Assert.All(result.Output, n => Assert.Equal(Manager, PSObject.AsPSObject(n.Properties["Engine"].Value).Properties["Endpoint"].Value));
    }

    [Fact]
    public void FiltersByRoleHostnameIdAndMembershipAsTheCliDoes()
    {
        var workerId = Cli("node", "inspect", "swarm-node2", "--format", "{{.ID}}");
        var result = OnManager($"Get-DockerNode -Role worker; '--'; Get-DockerNode 'swarm-node[13]'; '--'; Get-DockerNode -Id {workerId[..6]}; '--'; Get-DockerNode -Membership accepted; '--'; Get-DockerNode -Membership pending");
        Assert.Empty(result.Errors);
        var groups = string.Join(' ', result.Output.Select(o => o.BaseObject is string s ? s : o.Properties["Hostname"].Value)).Split("--").Select(g => g.Trim()).ToArray();
        Assert.Equal(["swarm-node2 swarm-node3", "swarm-node1 swarm-node3", "swarm-node2"], groups[..3]);
        // The engine's membership filter reads the node's spec, which every node update (the CLI's too) writes as pending.
        Assert.Equal(string.Join(' ', Cli("node", "ls", "--filter", "membership=accepted", "--format", "{{.Hostname}}").Split('\n').Order()), groups[3]);
        Assert.Equal(string.Join(' ', Cli("node", "ls", "--filter", "membership=pending", "--format", "{{.Hostname}}").Split('\n').Order()).Trim(), groups[4]);
        Assert.Contains("swarm-node1", groups[3]);
    }

    [Fact]
    public void SwarmShowsItsIdAndTheCliJoinTokens()
    {
        var result = OnManager("Get-DockerSwarm");
        Assert.Empty(result.Errors);
        var swarm = Assert.Single(result.Output);
        Assert.Equal("DockerPS.Swarm", swarm.BaseObject.GetType().FullName);
        Assert.Equal(Cli("info", "--format", "{{.Swarm.Cluster.ID}}"), swarm.Properties["Id"].Value);
        Assert.Equal(Cli("swarm", "join-token", "-q", "worker"), swarm.Properties["WorkerJoinToken"].Value);
        Assert.Equal(Cli("swarm", "join-token", "-q", "manager"), swarm.Properties["ManagerJoinToken"].Value);
        Assert.Equal(["10.204.0.0/16"], (IEnumerable<string>)swarm.Properties["DefaultAddressPool"].Value!);
    }

    [Fact]
    public void DrainingAWorkerChangesItsAvailabilityAndWhatIfDoesNot()
    {
        try
        {
            var whatIf = OnManager("Set-DockerNode swarm-node2 -Availability drain -WhatIf");
            Assert.Empty(whatIf.Errors);
            Assert.Equal("active", Cli("node", "inspect", "swarm-node2", "--format", "{{.Spec.Availability}}"));

            // Piped, the node brings its engine: no -DockerHost.
            var drained = _ps.Run($"Get-DockerNode swarm-node2 -DockerHost {Manager} | Set-DockerNode -Availability drain -PassThru");
            Assert.Empty(drained.Errors);
            Assert.Equal("drain", Assert.Single(drained.Output).Properties["Availability"].Value);
            Assert.Equal("drain", Cli("node", "inspect", "swarm-node2", "--format", "{{.Spec.Availability}}"));
        }
        finally
        {
            Cli("node", "update", "--availability", "active", "swarm-node2");
        }
        Assert.Equal("active", Cli("node", "inspect", "swarm-node2", "--format", "{{.Spec.Availability}}"));
    }

    [Fact]
    public void LabelsAreAddedFoundAndRemoved()
    {
        var key = $"dps-test-{fixture.RunId}";
        try
        {
            var added = OnManager($"Set-DockerNode swarm-node3 -Label @{{ '{key}' = 'eu-west'; '{key}.b' = 'x' }} -PassThru");
            Assert.Empty(added.Errors);
            Assert.Equal("eu-west", Cli("node", "inspect", "swarm-node3", "--format", $"{{{{index .Spec.Labels \"{key}\"}}}}"));
            var found = OnManager($"Get-DockerNode -Label {key}=eu-west");
            Assert.Equal(["swarm-node3"], found.Property("Hostname"));

            var removed = OnManager($"Set-DockerNode swarm-node3 -RemoveLabel {key} -PassThru");
            Assert.Empty(removed.Errors);
            var labels = (IDictionary<string, string>)Assert.Single(removed.Output).Properties["Labels"].Value!;
            Assert.False(labels.ContainsKey(key));
            Assert.Equal("x", labels[$"{key}.b"]);
        }
        finally
        {
            var left = Cli("node", "inspect", "swarm-node3", "--format", "{{range $k, $v := .Spec.Labels}}{{$k}}\n{{end}}").Split('\n').Where(k => k.StartsWith(key, StringComparison.Ordinal));
            Cli([.. new[] { "node", "update" }, .. left.SelectMany(k => new[] { "--label-rm", k }), "swarm-node3"]);
        }
    }

    [Fact]
    public void PromoteAndDemoteRoundTrip()
    {
        try
        {
            var promoted = OnManager("Set-DockerNode swarm-node3 -Role manager");
            Assert.Empty(promoted.Errors);
            Assert.Equal("manager", Cli("node", "inspect", "swarm-node3", "--format", "{{.Spec.Role}}"));
            // The node becomes a reachable manager once it has joined the raft; demoting it before would cost quorum.
            TestSwarm.WaitFor(() => Cli("node", "inspect", "swarm-node3", "--format", "{{if .ManagerStatus}}{{.ManagerStatus.Reachability}}{{end}}") == "reachable");
            Assert.Equal("Reachable", OnManager("Get-DockerNode swarm-node3").Property("ManagerStatus").Single());

            var demoted = OnManager("Set-DockerNode swarm-node3 -Role worker");
            Assert.Empty(demoted.Errors);
            Assert.Equal("worker", Cli("node", "inspect", "swarm-node3", "--format", "{{.Spec.Role}}"));
        }
        finally
        {
            if (Cli("node", "inspect", "swarm-node3", "--format", "{{.Spec.Role}}") != "worker")
            {
                Cli("node", "demote", "swarm-node3");
            }
        }
        TestSwarm.WaitFor(() => Cli("node", "inspect", "swarm-node3", "--format", "{{if .ManagerStatus}}manager{{else}}worker{{end}}") == "worker");
    }

    [Fact]
    public void AnUnknownNodeIsNodeNotFoundAndNoSettingIsNothingToUpdate()
    {
        var result = OnManager("Get-DockerNode dps-no-such-node; Set-DockerNode dps-no-such-node -Availability active; Remove-DockerNode dps-no-such-node -Confirm:$false");
        Assert.Equal([$"NodeNotFound,{Commands}GetDockerNodeCommand", $"NodeNotFound,{Commands}SetDockerNodeCommand", $"NodeNotFound,{Commands}RemoveDockerNodeCommand"], result.ErrorIds);

        var nothing = OnManager("Set-DockerNode swarm-node2");
        Assert.Equal([$"NothingToUpdate,{Commands}SetDockerNodeCommand"], nothing.ErrorIds);
    }

    [Fact]
    public void AnEngineThatIsNotAManagerIsNotSwarmManager()
    {
        // The shared main engine is in no swarm; a worker is in one but cannot answer for it.
        var result = _ps.Run($"Get-DockerSwarm; Get-DockerNode; Get-DockerNode -DockerHost {Worker}; Set-DockerNode swarm-node2 -Availability active -DockerHost {Worker}");
        Assert.Equal([$"NotSwarmManager,{Commands}GetDockerSwarmCommand", $"NotSwarmManager,{Commands}GetDockerNodeCommand",
            $"NotSwarmManager,{Commands}GetDockerNodeCommand", $"NotSwarmManager,{Commands}SetDockerNodeCommand"], result.ErrorIds);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void ANodeThatIsUpStaysWithoutForce()
    {
        var result = OnManager("Remove-DockerNode swarm-node3 -Confirm:$false");
        Assert.Equal([$"InvalidArgument,{Commands}RemoveDockerNodeCommand"], result.ErrorIds);
        Assert.Equal("ready", Cli("node", "inspect", "swarm-node3", "--format", "{{.Status.State}}"));
    }

    [Fact]
    public void HostnamesAndIdsCompleteFromTheManagerGiven()
    {
        Assert.Equal(["swarm-node1", "swarm-node2", "swarm-node3"], Completion.Complete(_ps, $"Set-DockerNode -DockerHost {Manager} swarm-no"));
        var id = Cli("node", "inspect", "swarm-node1", "--format", "{{.ID}}");
        Assert.Equal([id], Completion.Complete(_ps, $"Get-DockerNode -DockerHost {Manager} -Id {id[..8]}"));
    }

    [Fact]
    public void AWorkerLeavesStartsASwarmOfItsOwnAndJoinsBack()
    {
        var node3 = TestEnvironment.SwarmHosts[2];
        var addresses = TestEnvironment.Setting("DOCKERPS_TEST_SWARM_ADDRESSES").Split(',');
        var oldId = Cli("node", "inspect", "swarm-node3", "--format", "{{.ID}}");
        try
        {
            // The shared main engine is in no swarm; node3 is in one, and -WhatIf keeps it there. Text that is no token
            // is refused before any call. (The engine takes ~10 s to refuse an unknown token: InvalidArgument, not tested.)
            var token = Cli("swarm", "join-token", "-q", "worker");
            var wrongToken = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
            var refused = _ps.Run($"Exit-DockerSwarm; Initialize-DockerSwarm -DockerHost {node3}; Join-DockerSwarm {addresses[0]} -Token {wrongToken} -DockerHost {node3}; Exit-DockerSwarm -DockerHost {node3} -WhatIf; Join-DockerSwarm {addresses[0]} -Token none -DockerHost {node3}");
            Assert.Equal([$"NotInSwarm,{Commands}ExitDockerSwarmCommand", $"AlreadyInSwarm,{Commands}InitializeDockerSwarmCommand",
                $"AlreadyInSwarm,{Commands}JoinDockerSwarmCommand", $"InvalidToken,{Commands}JoinDockerSwarmCommand"], refused.ErrorIds);
            Assert.DoesNotContain("none", refused.Errors.Last().ToString());
            Assert.Equal("active", OnNode(node3, "info", "--format", "{{.Swarm.LocalNodeState}}"));

            var left = _ps.Run($"Exit-DockerSwarm -DockerHost {node3}; Remove-DockerNode -Id {oldId} -Force -DockerHost {Manager}");
            Assert.Empty(left.Errors);
            Assert.Equal("inactive", OnNode(node3, "info", "--format", "{{.Swarm.LocalNodeState}}"));
            Assert.DoesNotContain(oldId, Cli("node", "ls", "-q"));

            var own = _ps.Run($"Initialize-DockerSwarm -AdvertiseAddress {addresses[2]} -DockerHost {node3} -TaskHistoryLimit 2 -DefaultAddressPool 10.205.0.0/16 -SubnetSize 26");
            Assert.Empty(own.Errors);
            var swarm = Assert.Single(own.Output);
            Assert.Equal(OnNode(node3, "info", "--format", "{{.Swarm.Cluster.ID}}"), swarm.Properties["Id"].Value);
            Assert.NotEqual(Cli("info", "--format", "{{.Swarm.Cluster.ID}}"), swarm.Properties["Id"].Value);
            Assert.Equal(2L, swarm.Properties["TaskHistoryLimit"].Value);
            Assert.Equal(26u, swarm.Properties["SubnetSize"].Value);
            Assert.Equal(["10.205.0.0/16"], (IEnumerable<string>)swarm.Properties["DefaultAddressPool"].Value!);
            // What was not given is the engine's default, as after `docker swarm init`.
            Assert.Equal(4789u, swarm.Properties["DataPathPort"].Value);
            Assert.Equal("10000", OnNode(node3, "info", "--format", "{{.Swarm.Cluster.Spec.Raft.SnapshotInterval}}"));

            // node3 is now the only manager of its swarm: leaving would end it.
            var needsForce = _ps.Run($"Exit-DockerSwarm -DockerHost {node3}");
            Assert.Equal([$"LeaveNeedsForce,{Commands}ExitDockerSwarmCommand"], needsForce.ErrorIds);
            Assert.Equal("active", OnNode(node3, "info", "--format", "{{.Swarm.LocalNodeState}}"));

            var back = _ps.Run($"Exit-DockerSwarm -Force -DockerHost {node3}; Join-DockerSwarm {addresses[0]}:2377 -Token (Get-DockerSwarm -DockerHost {Manager}).WorkerJoinToken -AdvertiseAddress {addresses[2]} -DockerHost {node3}");
            Assert.Empty(back.Errors);
            TestSwarm.WaitFor(() => Cli("node", "ls", "--filter", "role=worker", "--format", "{{.Hostname}} {{.Status}}").Split('\n').Order().SequenceEqual(["swarm-node2 Ready", "swarm-node3 Ready"]));
        }
        finally
        {
            RejoinIfOut(node3, addresses);
        }
    }

    /// <summary>The docker CLI on one node.</summary>
    private static string OnNode(string host, params string[] args) =>
        DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = host }, args).Trim();

    /// <summary>Puts node3 back as a worker of the test swarm, listed once, whatever a failed test left.</summary>
    private static void RejoinIfOut(string node3, string[] addresses)
    {
        var current = OnNode(node3, "info", "--format", "{{.Swarm.NodeID}}");
        var listed = Cli("node", "ls", "--filter", "name=swarm-node3", "-q").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var id in listed.Where(id => id != current))
        {
            Cli("node", "rm", "--force", id);
        }
        if (listed.Contains(current))
        {
            return;
        }
        if (OnNode(node3, "info", "--format", "{{.Swarm.LocalNodeState}}") != "inactive")
        {
            OnNode(node3, "swarm", "leave", "--force");
        }
        OnNode(node3, "swarm", "join", "--token", Cli("swarm", "join-token", "-q", "worker"), "--advertise-addr", addresses[2], addresses[0] + ":2377");
    }
}
