// The engine models declare every field nullable; these tests read fields the mapping has just set.
#nullable disable
using System.Text;
using Docker.DotNet.Models;
using DockerPS.Compose;
using DockerPS.Errors;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>A compose project as a stack: names, labels and service specs as the docker CLI's stack deploy makes them.</summary>
public sealed class ComposeStackTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("composestack").FullName;

    public void Dispose() => Directory.Delete(directory, true);

    private StackPlan Plan(string yaml, string stack = "prod")
    {
        File.WriteAllText(Path.Join(directory, "compose.yaml"), yaml);
        var project = ComposeLoader.Load(new ComposeLoadOptions { Files = ["compose.yaml"], WorkingDirectory = directory, ProjectName = "shop", Environment = _ => null });
        return ComposeStack.Plan(project, stack);
    }

    /// <summary>The service's spec as the engine gets it, the named secrets, configs and networks resolved to ids ID-NAME.</summary>
    private static ServiceSpec Spec(StackPlan plan, string service, ServiceSpec current = null)
    {
        var settings = plan.Services.Single(s => s.Name == $"{plan.Stack}_{service}").Settings;
        var spec = current ?? new ServiceSpec();
        settings.ApplyTo(spec, new ServiceReferences(settings.SecretNames.ToDictionary(n => n, n => "id-" + n), settings.ConfigNames.ToDictionary(n => n, n => "id-" + n),
            settings.NetworkNames.ToDictionary(n => n, n => "id-" + n)));
        return spec;
    }

    [Fact]
    public void ObjectsAreNamedAndLabelledForTheStack()
    {
        File.WriteAllText(Path.Join(directory, "key.txt"), "s3cret");
        var plan = Plan("""
            services:
              web:
                image: nginx
                networks: [front, shared, named]
                secrets: [key]
                configs: [motd]
            networks:
              front: {driver_opts: {encrypted: "true"}, labels: {team: web}, attachable: true}
              shared: {external: true}
              named: {name: fixed-net, driver: bridge}
            secrets:
              key: {file: ./key.txt}
            configs:
              motd: {content: hello, name: the-motd}
            """);
        Assert.Equal(["prod_front", "fixed-net"], plan.Networks.Select(n => n.Name));
        var front = plan.Networks[0];
        Assert.Equal(("overlay", true), (front.Driver, front.Attachable));
        Assert.Equal("true", front.Options["encrypted"]);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "web", ["com.docker.stack.namespace"] = "prod" }, front.Labels);
        Assert.Equal("bridge", plan.Networks[1].Driver);
        var secret = Assert.Single(plan.Secrets);
        Assert.Equal(("prod_key", "s3cret", "prod"), (secret.Name, Encoding.UTF8.GetString(secret.Data), secret.Labels["com.docker.stack.namespace"]));
        var config = Assert.Single(plan.Configs);
        Assert.Equal(("the-motd", "hello"), (config.Name, Encoding.UTF8.GetString(config.Data)));

        var spec = Spec(plan, "web");
        Assert.Equal(["id-fixed-net web", "id-prod_front web", "id-shared web"], spec.TaskTemplate.Networks.Select(n => $"{n.Target} {string.Join(',', n.Aliases)}"));
        Assert.Equal("prod_key id-prod_key key 0 0 292", spec.TaskTemplate.ContainerSpec.Secrets.Select(s => $"{s.SecretName} {s.SecretID} {s.File.Name} {s.File.UID} {s.File.GID} {s.File.Mode}").Single());
        Assert.Equal("the-motd id-the-motd motd", spec.TaskTemplate.ContainerSpec.Configs.Select(c => $"{c.ConfigName} {c.ConfigID} {c.File.Name}").Single());
    }

    [Fact]
    public void AServiceSpecIsTheServicesSettings()
    {
        var spec = Spec(Plan("""
            services:
              web:
                image: nginx:1.27
                entrypoint: [/init]
                command: [nginx, -g, daemon off;]
                environment: {A: "1", B: null}
                labels: {own: "yes"}
                ports: ["8080:80", {target: 53, published: "5353", protocol: udp, mode: host}]
                volumes: [data:/data, /srv:/srv:ro]
                user: "1000"
                working_dir: /app
                restart: on-failure:3
                stop_grace_period: 5s
                healthcheck: {test: [CMD, "true"], interval: 2s, retries: 4}
                deploy:
                  replicas: 3
                  labels: {tier: front}
                  resources: {limits: {cpus: "0.5", memory: 64M}}
                  placement: {constraints: [node.role==worker], max_replicas_per_node: 2}
                  update_config: {parallelism: 2, order: start-first}
            volumes:
              data: {labels: {keep: "yes"}}
            """), "web");

        var container = spec.TaskTemplate.ContainerSpec;
        Assert.Equal(("nginx:1.27", "/init", "nginx -g daemon off;"), (container.Image, string.Join(' ', container.Command), string.Join(' ', container.Args)));
        Assert.Equal(["A=1", "B"], container.Env);
        Assert.Equal(new Dictionary<string, string> { ["own"] = "yes", ["com.docker.stack.namespace"] = "prod" }, container.Labels);
        Assert.Equal(new Dictionary<string, string> { ["tier"] = "front", ["com.docker.stack.namespace"] = "prod", ["com.docker.stack.image"] = "nginx:1.27" }, spec.Labels);
        Assert.Equal(["80/tcp 8080 ingress", "53/udp 5353 host"], spec.EndpointSpec.Ports.Select(p => $"{p.TargetPort}/{p.Protocol} {p.PublishedPort} {p.PublishMode}"));
        Assert.Equal(["volume prod_data /data False keep=yes,com.docker.stack.namespace=prod", "bind /srv /srv True "],
            container.Mounts.Select(m => $"{m.Type} {m.Source} {m.Target} {m.ReadOnly == true} {string.Join(',', (m.VolumeOptions?.Labels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}"))}"));
        Assert.Equal(("1000", "/app", TimeSpan.FromSeconds(5)), (container.User, container.Dir, container.StopGracePeriod));
        Assert.Equal(("on-failure", 3UL), (spec.TaskTemplate.RestartPolicy.Condition, spec.TaskTemplate.RestartPolicy.MaxAttempts));
        Assert.Equal(("CMD true", TimeSpan.FromSeconds(2), 4L), (string.Join(' ', container.Healthcheck.Test), container.Healthcheck.Interval, container.Healthcheck.Retries));
        Assert.Equal(3UL, spec.Mode.Replicated.Replicas);
        Assert.Equal((500_000_000L, 64L * 1024 * 1024), (spec.TaskTemplate.Resources.Limits.NanoCPUs, spec.TaskTemplate.Resources.Limits.MemoryBytes));
        Assert.Equal(["node.role==worker"], spec.TaskTemplate.Placement.Constraints);
        Assert.Equal(2UL, spec.TaskTemplate.Placement.MaxReplicas);
        Assert.Equal((2UL, "start-first"), (spec.UpdateConfig.Parallelism, spec.UpdateConfig.Order));
    }

    [Fact]
    public void ARedeployWritesTheWholeSpecKeepingOnlyTheForceUpdateCounter()
    {
        var current = new ServiceSpec
        {
            Name = "prod_web",
            Labels = new Dictionary<string, string> { ["old"] = "x" },
            Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 5 } },
            TaskTemplate = new TaskSpec { ForceUpdate = 7, ContainerSpec = new ContainerSpec { Image = "nginx:1.26", Env = ["GONE=1", "A=0"] } },
        };

        var spec = Spec(Plan("services:\n  web:\n    image: nginx:1.27\n    environment: {A: \"1\"}\n    deploy: {mode: global}\n"), "web", current);

        Assert.Equal(("prod_web", "nginx:1.27", 7UL), (spec.Name, spec.TaskTemplate.ContainerSpec.Image, spec.TaskTemplate.ForceUpdate));
        Assert.Equal(["A=1"], spec.TaskTemplate.ContainerSpec.Env);
        Assert.False(spec.Labels.ContainsKey("old"));
        Assert.NotNull(spec.Mode.Global);
        Assert.Null(spec.Mode.Replicated);
    }

    [Theory]
    [InlineData("services:\n  web:\n    build: .\n", "a stack's service needs an image")]
    [InlineData("services:\n  web:\n    image: nginx\n    ports: [\"8000-8001:80\"]\n", "is not one port number")]
    [InlineData("services:\n  web:\n    image: nginx\n    secrets: [key]\nsecrets:\n  key: {environment: DPS_UNSET_VARIABLE_X}\n", "DPS_UNSET_VARIABLE_X is not set")]
    public void WhatAStackCannotHaveIsComposeFileInvalid(string yaml, string message)
    {
        var e = Assert.Throws<ComposeException>(() => Plan(yaml));
        Assert.Equal(ErrorCatalog.ComposeFileInvalid, e.Code);
        Assert.Contains(message, e.Message);
    }
}
