using System.Text.Json.Nodes;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class SwarmUpdateTests
{
    [Fact]
    public void AnUpdateChangesWhatItNamesAndSendsTheRestBackAsItCame()
    {
        var spec = JsonNode.Parse("""
            {"Name":"default","Labels":{"a":"1","b":"2"},"Orchestration":{"TaskHistoryRetentionLimit":5},
             "Raft":{"SnapshotInterval":10000,"KeepOldSnapshots":0,"ElectionTick":10},"Dispatcher":{"HeartbeatPeriod":5000000000},
             "CAConfig":{"NodeCertExpiry":7776000000000000,"ExternalCAs":[{"Protocol":"cfssl"}]},"EncryptionConfig":{"AutoLockManagers":false},
             "FutureField":{"x":1}}
            """)!.AsObject();

        new SwarmUpdate
        {
            TaskHistoryLimit = 2, Autolock = true, CertExpiry = TimeSpan.FromHours(720), DispatcherHeartbeat = TimeSpan.FromMilliseconds(7500),
            MaxSnapshots = 3, Labels = new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" }, RemoveLabels = ["a", "missing"],
        }.ApplyTo(spec);

        Assert.Equal("""
            {"Name":"default","Labels":{"b":"3","c":"4"},"Orchestration":{"TaskHistoryRetentionLimit":2},"Raft":{"SnapshotInterval":10000,"KeepOldSnapshots":3,"ElectionTick":10},"Dispatcher":{"HeartbeatPeriod":7500000000},"CAConfig":{"NodeCertExpiry":2592000000000000,"ExternalCAs":[{"Protocol":"cfssl"}]},"EncryptionConfig":{"AutoLockManagers":true},"FutureField":{"x":1}}
            """, spec.ToJsonString());
    }

    [Fact]
    public void AnUpdateGivesASpecWithoutASectionItsFirst()
    {
        var spec = new JsonObject();

        new SwarmUpdate { SnapshotInterval = 500, Labels = new Dictionary<string, string> { ["zone"] = "eu" } }.ApplyTo(spec);

        Assert.Equal("""{"Raft":{"SnapshotInterval":500},"Labels":{"zone":"eu"}}""", spec.ToJsonString());
    }

    [Theory]
    [InlineData(false, false, false, "version=42")]
    [InlineData(true, false, false, "version=42&rotateWorkerToken=true")]
    [InlineData(true, true, true, "version=42&rotateWorkerToken=true&rotateManagerToken=true&rotateManagerUnlockKey=true")]
    public void TheQueryNamesTheVersionAndTheRotationsAsTheEngineReadsThem(bool worker, bool manager, bool unlockKey, string query) =>
        Assert.Equal(query, new SwarmUpdate { RotateWorkerToken = worker, RotateManagerToken = manager, RotateUnlockKey = unlockKey }.Query(42));
}
