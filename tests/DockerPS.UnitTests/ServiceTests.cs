// The engine models declare every field nullable; these tests read fields they have just set.
#nullable disable

using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using DockerPS.Operations;
using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class ServiceTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    [Theory]
    [InlineData("80", 80, null, "tcp", "ingress")]
    [InlineData("8080:80", 80, 8080, "tcp", "ingress")]
    [InlineData("53:53/udp", 53, 53, "udp", "ingress")]
    [InlineData("published=8080,target=80,mode=host", 80, 8080, "tcp", "host")]
    [InlineData("target=9000,protocol=sctp", 9000, null, "sctp", "ingress")]
    public void PortsReadAsDockerServiceCreatePublish(string text, int target, int? published, string protocol, string mode) =>
        Assert.Equal(new ServicePort(target, published, protocol, mode), Assert.Single(ServiceSyntax.ParsePublish(text)));

    [Fact]
    public void APortRangePublishesEachPort() =>
        Assert.Equal([new ServicePort(80, 8080, "tcp", "ingress"), new ServicePort(81, 8081, "tcp", "ingress")], ServiceSyntax.ParsePublish("8080-8081:80-81"));

    [Theory]
    [InlineData("127.0.0.1:8080:80")]
    [InlineData("published=8080")]
    [InlineData("target=80,mode=bridge")]
    [InlineData("target=0")]
    [InlineData("target=80,color=blue")]
    [InlineData("target")]
    public void BadPortsAreRefusedQuotingTheText(string text) =>
        Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => ServiceSyntax.ParsePublish(text)).Message);

    [Fact]
    public void SecretsAndConfigsAreNamesOrFieldsWithTheCliDefaults()
    {
        Assert.Equal(new ServiceFileReference("db", "db", "0", "0", Convert.ToUInt32("444", 8)), ServiceSyntax.ParseFileReference("db"));
        Assert.Equal(new ServiceFileReference("app", "/etc/app.conf", "33", "33", Convert.ToUInt32("440", 8)),
            ServiceSyntax.ParseFileReference("source=app,target=/etc/app.conf,uid=33,gid=33,mode=0440"));
        Assert.Equal("key", ServiceSyntax.ParseFileReference("src=key").Target);
    }

    [Theory]
    [InlineData("target=x")]
    [InlineData("source=a,mode=999")]
    [InlineData("source=a,uid=-1")]
    [InlineData("a,b")]
    [InlineData("")]
    public void BadSecretReferencesAreRefused(string text) =>
        Assert.Throws<FormatException>(() => ServiceSyntax.ParseFileReference(text));

    [Theory]
    [InlineData("node.role==manager", "node.role==manager")]
    [InlineData(" node.labels.zone != east ", "node.labels.zone!=east")]
    public void ConstraintsAreEqualityOrInequality(string text, string read) => Assert.Equal(read, ServiceSyntax.ParseConstraint(text));

    [Theory]
    [InlineData("node.role=manager")]
    [InlineData("==manager")]
    [InlineData("node.role==")]
    [InlineData("node.role===manager")]
    public void BadConstraintsAreRefused(string text) =>
        Assert.Contains("attribute==value", Assert.Throws<FormatException>(() => ServiceSyntax.ParseConstraint(text)).Message);

    [Fact]
    public void PlacementPreferencesSpreadOverADescriptor()
    {
        Assert.Equal("node.labels.zone", ServiceSyntax.ParsePlacementPreference("spread=node.labels.zone"));
        Assert.Throws<FormatException>(() => ServiceSyntax.ParsePlacementPreference("pack=node.labels.zone"));
    }

    [Fact]
    public void ANewServiceGetsWhatIsGivenAndTheCliDefaults()
    {
        var spec = new ServiceSpec { Name = "web" };

        new ServiceSettings
        {
            Image = "nginx:1.27",
            Args = ["nginx", "-g", "daemon off;"],
            Environment = ["A=1"],
            Labels = new Dictionary<string, string> { ["tier"] = "web" },
            Ports = [new ServicePort(80, 8080, "tcp", "host")],
            Mounts = [new JsonObject { ["Type"] = "volume", ["Source"] = "data", ["Target"] = "/data" }],
            Secrets = [new ServiceFileReference("db", "db", "0", "0", 292)],
            Constraints = ["node.role==worker"],
            LimitMemory = 256 << 20,
            Update = new RolloutPolicy(Parallelism: 2, FailureAction: "rollback"),
        }.ApplyTo(spec, ServiceReferences.None with { Secrets = new Dictionary<string, string> { ["db"] = "secret-id" } });

        var container = spec.TaskTemplate.ContainerSpec;
        Assert.Equal(("nginx:1.27", "nginx -g daemon off;", "A=1"), (container.Image, string.Join(' ', container.Args), Assert.Single(container.Env)));
        Assert.Equal(1UL, spec.Mode.Replicated.Replicas);
        Assert.Equal("web", spec.Labels["tier"]);
        var port = Assert.Single(spec.EndpointSpec.Ports);
        Assert.Equal((80U, (uint?)8080U, "host"), (port.TargetPort, port.PublishedPort, port.PublishMode));
        Assert.Equal(("volume", "data", "/data"), (Assert.Single(container.Mounts).Type, container.Mounts[0].Source, container.Mounts[0].Target));
        Assert.Equal(("db", "secret-id", "db"), (Assert.Single(container.Secrets).SecretName, container.Secrets[0].SecretID, container.Secrets[0].File.Name));
        Assert.Equal(["node.role==worker"], spec.TaskTemplate.Placement.Constraints);
        Assert.Equal(256L << 20, spec.TaskTemplate.Resources.Limits.MemoryBytes);
        Assert.Equal("any", spec.TaskTemplate.RestartPolicy.Condition);
        Assert.Equal((2UL, "rollback", "stop-first"), (spec.UpdateConfig.Parallelism, spec.UpdateConfig.FailureAction, spec.UpdateConfig.Order));
        Assert.Null(spec.RollbackConfig);
        Assert.Equal(0UL, spec.TaskTemplate.ForceUpdate);
    }

    [Fact]
    public void AnUpdateChangesListsPerKeyAndKeepsTheRest()
    {
        var spec = new ServiceSpec
        {
            Name = "web",
            Mode = new ServiceMode { Global = new GlobalService() },
            Labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            TaskTemplate = new TaskSpec
            {
                ForceUpdate = 3,
                ContainerSpec = new ContainerSpec { Image = "nginx:1.26", Env = ["A=1", "B=2"], User = "www" },
                Placement = new Placement { Constraints = ["node.role==worker", "node.labels.zone==eu"] },
                Networks = [new NetworkAttachmentConfig { Target = "n1" }],
            },
            EndpointSpec = new EndpointSpec { Ports = [new PortConfig { TargetPort = 80, PublishedPort = 8080, Protocol = "tcp" }, new PortConfig { TargetPort = 53, Protocol = "udp" }] },
            UpdateConfig = new SwarmUpdateConfig { Parallelism = 4, Order = "start-first", FailureAction = "continue" },
        };

        new ServiceSettings
        {
            Image = "nginx:1.27",
            Environment = ["B=3", "C=4"],
            RemoveEnvironment = ["A"],
            RemoveLabels = ["a"],
            Ports = [new ServicePort(80, 9090, "tcp", "ingress")],
            RemovePorts = ["53/udp"],
            RemoveConstraints = ["node.labels.zone==eu"],
            Networks = ["front"],
            RemoveNetworks = ["old"],
            Update = new RolloutPolicy(Delay: TimeSpan.FromSeconds(5)),
            Force = true,
        }.ApplyTo(spec, ServiceReferences.None with { Networks = new Dictionary<string, string> { ["front"] = "n2", ["old"] = "n1" } });

        Assert.NotNull(spec.Mode.Global);
        Assert.Equal(("nginx:1.27", "www"), (spec.TaskTemplate.ContainerSpec.Image, spec.TaskTemplate.ContainerSpec.User));
        Assert.Equal(["B=3", "C=4"], spec.TaskTemplate.ContainerSpec.Env);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, spec.Labels);
        Assert.Equal((80U, (uint?)9090U), (Assert.Single(spec.EndpointSpec.Ports).TargetPort, spec.EndpointSpec.Ports[0].PublishedPort));
        Assert.Equal(["node.role==worker"], spec.TaskTemplate.Placement.Constraints);
        Assert.Equal("n2", Assert.Single(spec.TaskTemplate.Networks).Target);
        Assert.Equal((4UL, "start-first", "continue", (TimeSpan?)TimeSpan.FromSeconds(5)),
            (spec.UpdateConfig.Parallelism, spec.UpdateConfig.Order, spec.UpdateConfig.FailureAction, spec.UpdateConfig.Delay));
        Assert.Equal(4UL, spec.TaskTemplate.ForceUpdate);
    }

    [Fact]
    public void TasksAreNamedBySlotOrNodeAsDockerServicePsNamesThem()
    {
        var replicated = new SwarmTask(new TaskResponse { ID = "t1", Slot = 2, NodeID = "n1", DesiredState = TaskState.Running, Status = new Docker.DotNet.Models.TaskStatus { State = TaskState.Failed, Err = "task: non-zero exit (1)" } }, "web", "node-1", Engine);
        var global = new SwarmTask(new TaskResponse { ID = "t2", NodeID = "n2" }, "agent", null, Engine);

        Assert.Equal(("web.2", 2UL, "running", "failed", "task: non-zero exit (1)"), (replicated.Name, replicated.Slot, replicated.DesiredState, replicated.State, replicated.Error));
        Assert.Equal(("agent.n2", (ulong?)null, (string)null, (long?)null), (global.Name, global.Slot, global.Error, global.ExitCode));
    }

    [Fact]
    public void AServiceShowsItsModeReplicasAndPortsAsDockerServiceLs()
    {
        var service = new Service(new SwarmService
        {
            ID = "s1",
            Spec = new ServiceSpec
            {
                Name = "web",
                Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 3 } },
                EndpointSpec = new EndpointSpec { Ports = [new PortConfig { TargetPort = 80, PublishedPort = 8080, Protocol = "tcp" }] },
            },
            ServiceStatus = new ServiceStatus { RunningTasks = 2, DesiredTasks = 3 },
        }, Engine);
        var global = new Service(new SwarmService { ID = "s2", Spec = new ServiceSpec { Name = "agent", Mode = new ServiceMode { Global = new GlobalService() } } }, Engine);

        Assert.Equal(("replicated", (ulong?)3UL, "2/3", "*:8080->80/tcp"), (service.Mode, service.Replicas, service.ReplicaStatus, Assert.Single(service.Ports)));
        Assert.Equal(("global", (ulong?)null, "0/0"), (global.Mode, global.Replicas, global.ReplicaStatus));
    }
}
