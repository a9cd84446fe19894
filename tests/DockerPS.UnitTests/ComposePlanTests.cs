using DockerPS.Compose;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The deploy plan: what converging an engine to a project creates, recreates, starts and removes, in which order.</summary>
public sealed class ComposePlanTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dps-plan-");
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///nonexistent.sock");

    public void Dispose() => _folder.Delete(recursive: true);

    private ComposeProject Project(string yaml)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "compose.yaml"), yaml);
        return ComposeLoader.Load(new ComposeLoadOptions { WorkingDirectory = _folder.FullName, ProjectName = "shop", Environment = _ => null });
    }

    private const string App = """
        services:
          web:
            image: nginx
            depends_on: [api]
            deploy: {replicas: 2}
          api:
            image: busybox
            depends_on:
              db: {condition: service_healthy}
          db:
            image: postgres
            volumes: [data:/var/lib/postgresql/data]
        volumes:
          data:
        """;

    private static ComposeObserved Nothing => new(new HashSet<string>(), new HashSet<string>(), []);

    [Fact]
    public void AnEmptyEngineGetsNetworksVolumesThenServicesInDependencyOrder()
    {
        var plan = ComposePlan.Create(Project(App), Nothing, removeOrphans: false, Engine);

        Assert.Equal(["Create network shop_default", "Create volume shop_data", "Create container shop-db-1", "Create container shop-api-1",
            "Create container shop-web-1", "Create container shop-web-2"], plan.Select(c => c.ToString()));
        Assert.Equal([0, 0, 1, 1, 1, 2], plan.Select(c => c.Number));
    }

    [Fact]
    public void WhatMatchesIsLeftAloneWhatChangedIsRecreatedAndStoppedOnesStarted()
    {
        var project = Project(App);
        var hash = (string service) => ComposePlan.ConfigHash(project.Services[service]);
        var observed = new ComposeObserved(new HashSet<string> { "shop_default" }, new HashSet<string> { "shop_data" },
        [
            new("1", "shop-db-1", "db", 1, hash("db"), "running"),
            new("2", "shop-api-1", "api", 1, "old-hash", "running"),
            new("3", "shop-web-1", "web", 1, hash("web"), "exited"),
            new("4", "shop-web-2", "web", 2, hash("web"), "running"),
            new("5", "shop-web-3", "web", 3, hash("web"), "running"),
            new("6", "shop-old-1", "old", 1, "x", "running"),
        ]);

        var plan = ComposePlan.Create(project, observed, removeOrphans: false, Engine);

        Assert.Equal(["UpToDate container shop-db-1", "Recreate container shop-api-1", "Remove container shop-web-3",
            "Start container shop-web-1", "UpToDate container shop-web-2"], plan.Select(c => c.ToString()));
        Assert.Contains("Remove container shop-old-1", ComposePlan.Create(project, observed, removeOrphans: true, Engine).Select(c => c.ToString()));
    }

    [Fact]
    public void TheHashIgnoresReplicasAndDependenciesButNotTheImage()
    {
        var one = Project("services:\n  s:\n    image: busybox:1\n    deploy: {replicas: 1}\n").Services["s"];
        var three = Project("services:\n  s:\n    image: busybox:1\n    deploy: {replicas: 3}\n    depends_on: []\n").Services["s"];
        var other = Project("services:\n  s:\n    image: busybox:2\n").Services["s"];

        Assert.Equal(ComposePlan.ConfigHash(one), ComposePlan.ConfigHash(three));
        Assert.NotEqual(ComposePlan.ConfigHash(one), ComposePlan.ConfigHash(other));
        Assert.Matches("^[0-9a-f]{64}$", ComposePlan.ConfigHash(one));
    }

    [Fact]
    public void WavesRunWhatDoesNotDependOnEachOtherTogetherAndGoDownInReverse()
    {
        var project = Project(App);
        var plan = ComposePlan.Create(project, Nothing, removeOrphans: false, Engine);
        var down = plan.Where(c => c.Kind == "Container").Select(c => new ComposeChange("shop", c.Kind, c.Name, c.Service, "Remove", "down", Engine))
            .Concat(plan.Where(c => c.Kind != "Container").Select(c => new ComposeChange("shop", c.Kind, c.Name, null, "Remove", "down", Engine))).ToList();

        string Names(IReadOnlyList<IReadOnlyList<ComposeChange>> waves) => string.Join(" | ", waves.Select(w => string.Join(" ", w.Select(c => c.Name))));

        Assert.Equal("shop_default shop_data | shop-db-1 | shop-api-1 | shop-web-1 shop-web-2", Names(ComposePlan.Waves(project, plan)));
        Assert.Equal("shop-web-1 shop-web-2 | shop-api-1 | shop-db-1 | shop_default shop_data", Names(ComposePlan.Waves(project, down, down: true)));
        Assert.Equal("shop-db-1 shop-api-1 shop-web-1 shop-web-2 | shop_default shop_data", Names(ComposePlan.Waves(null, down, down: true)));
    }

    [Fact]
    public void ADependencyCycleIsAnInvalidProject()
    {
        var project = Project("services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n");

        var failure = Assert.Throws<ComposeException>(() => ComposePlan.Order(project));

        Assert.Equal(ErrorCatalog.ComposeFileInvalid, failure.Code);
        Assert.Contains("a → b → a", failure.Message);
    }
}
