using Docker.DotNet.Models;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class NodeTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    [Fact]
    public void AnUpdateChangesWhatItNamesAndKeepsTheRest()
    {
        var spec = new NodeUpdateParameters { Role = "worker", Availability = "active", Labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };

        new NodeUpdate { Availability = "drain", Labels = new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" }, RemoveLabels = ["a", "missing"] }.ApplyTo(spec);

        Assert.Equal("drain", spec.Availability);
        Assert.Equal("worker", spec.Role);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" }, spec.Labels);
    }

    [Fact]
    public void AnUpdateGivesANodeWithoutLabelsItsFirst()
    {
        var spec = new NodeUpdateParameters { Role = "manager", Availability = "pause" };

        new NodeUpdate { Role = "worker", Labels = new Dictionary<string, string> { ["zone"] = "eu" } }.ApplyTo(spec);

        Assert.Equal(("worker", "pause"), (spec.Role, spec.Availability));
        Assert.Equal("eu", spec.Labels["zone"]);
    }

    [Theory]
    [InlineData(true, "reachable", "Leader")]
    [InlineData(false, "reachable", "Reachable")]
    [InlineData(false, "unreachable", "Unreachable")]
    public void ManagerStatusReadsAsDockerNodeLs(bool leader, string reachability, string shown)
    {
        var node = new Node(new NodeListResponse { ID = "n1", ManagerStatus = new ManagerStatus { Leader = leader, Reachability = reachability } }, Engine);

        Assert.Equal(shown, node.ManagerStatus);
        Assert.Equal(leader, node.IsLeader);
    }

    [Fact]
    public void AWorkerHasNoManagerStatusAndMissingPartsAreEmpty()
    {
        var node = new Node(new NodeListResponse { ID = "n2" }, Engine);

        Assert.Null(node.ManagerStatus);
        Assert.False(node.IsLeader);
        Assert.Equal(string.Empty, node.Hostname);
        Assert.Empty(node.Labels);
        Assert.Empty(node.EngineLabels);
        Assert.Equal("n2", node.Id);
    }
}
