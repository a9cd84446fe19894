using System.Text.Json.Nodes;
using DockerPS.Compose;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>A compose service's container create request, as docker compose up sends it.</summary>
public sealed class ComposeContainersTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("composecontainers").FullName;

    public void Dispose() => Directory.Delete(directory, true);

    private ComposeProject Load(string yaml)
    {
        File.WriteAllText(Path.Join(directory, "compose.yaml"), yaml);
        return ComposeLoader.Load(new ComposeLoadOptions { Files = ["compose.yaml"], WorkingDirectory = directory, ProjectName = "shop", Environment = _ => null });
    }

    private JsonObject Body(string yaml, string service = "web", int number = 1, IReadOnlyDictionary<string, string>? labels = null)
    {
        var project = Load(yaml);
        return ComposeContainers.Spec(project, project.Services[service], number, labels ?? new Dictionary<string, string>()).ToBody();
    }

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    [Fact]
    public void ABuiltServiceIsNamedAndTaggedAfterItsProject()
    {
        var project = Load("services:\n  web:\n    build: .\n  db:\n    image: postgres\n    container_name: the-db\n");
        var body = ComposeContainers.Spec(project, project.Services["web"], 2, new Dictionary<string, string>()).ToBody();
        Assert.Equal("shop-web", (string?)body["Image"]);
        Assert.Equal("shop-web-2", ComposeContainers.Spec(project, project.Services["web"], 2, new Dictionary<string, string>()).Name);
        Assert.Equal("the-db", ComposeContainers.Name(project, project.Services["db"], 1));
        Assert.Equal("postgres", (string?)ComposeContainers.Spec(project, project.Services["db"], 1, new Dictionary<string, string>()).ToBody()["Image"]);
    }

    [Fact]
    public void CommandEnvironmentAndLabelsAreTheServices()
    {
        var body = Body("""
            services:
              web:
                image: nginx
                command: nginx -g 'daemon off;'
                entrypoint: ["/init"]
                environment: { A: "1", B: null }
                labels: { own: "yes", com.docker.compose.service: mine }
            """, labels: new Dictionary<string, string> { ["com.docker.compose.service"] = "web" });
        Assert.Equal("""["nginx","-g","daemon off;"]""", Json(body["Cmd"]));
        Assert.Equal("""["/init"]""", Json(body["Entrypoint"]));
        Assert.Equal("""["A=1","B"]""", Json(body["Env"]));
        Assert.Equal("""{"com.docker.compose.service":"web","own":"yes"}""", Json(body["Labels"]));
    }

    [Fact]
    public void PortsArePublishedAndExposed()
    {
        var body = Body("""
            services:
              web:
                image: nginx
                ports: ["127.0.0.1:8080:80", "9000-9001:443", "53/udp"]
                expose: ["3000-3001"]
            """);
        Assert.Equal("""{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}],"443/tcp":[{"HostIp":"","HostPort":"9000-9001"}],"53/udp":[{"HostIp":"","HostPort":""}]}""",
            Json(body["HostConfig"]!["PortBindings"]));
        Assert.Equal("""{"80/tcp":{},"443/tcp":{},"53/udp":{},"3000/tcp":{},"3001/tcp":{}}""", Json(body["ExposedPorts"]));
    }

    [Fact]
    public void VolumesAreBindsWhereComposeUsesBindsAndMountsElsewhere()
    {
        var body = Body("""
            services:
              web:
                image: nginx
                volumes:
                  - ./site:/usr/share/nginx/html:ro,z
                  - data:/data
                  - type: volume
                    source: data
                    target: /copy
                    volume: { nocopy: true, subpath: sub }
                  - /anonymous
                  - type: bind
                    source: /srv
                    target: /srv
                    bind: { propagation: rslave, create_host_path: true }
                  - type: tmpfs
                    target: /scratch
                    tmpfs: { size: 1m, mode: 1777 }
                tmpfs: ["/run:size=64k"]
            volumes:
              data: {}
            """);
        var host = body["HostConfig"]!;
        Assert.Equal($$"""["{{Path.Join(directory, "site")}}:/usr/share/nginx/html:ro,z","shop_data:/data:rw"]""", Json(host["Binds"]));
        Assert.Equal("""[{"Type":"volume","Source":"shop_data","Target":"/copy","VolumeOptions":{"NoCopy":true,"Subpath":"sub"}},""" +
            """{"Type":"volume","Target":"/anonymous"},""" +
            """{"Type":"bind","Source":"/srv","Target":"/srv","BindOptions":{"Propagation":"rslave","CreateMountpoint":true}},""" +
            """{"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576,"Mode":1777}}]""", Json(host["Mounts"]));
        Assert.Equal("""{"/run":"size=64k"}""", Json(host["Tmpfs"]));
    }

    [Fact]
    public void FileSecretsAndConfigsAreReadOnlyBinds()
    {
        File.WriteAllText(Path.Join(directory, "token"), "x");
        var body = Body("""
            services:
              web:
                image: nginx
                secrets: [token]
                configs: [{ source: site, target: etc/site.conf }]
            secrets:
              token: { file: ./token }
            configs:
              site: { file: ./token }
            """);
        var token = Path.Join(directory, "token");
        Assert.Equal($$"""[{"Type":"bind","Source":"{{token}}","Target":"/run/secrets/token","ReadOnly":true},{"Type":"bind","Source":"{{token}}","Target":"/etc/site.conf","ReadOnly":true}]""",
            Json(body["HostConfig"]!["Mounts"]));
    }

    [Theory]
    [InlineData("restart: unless-stopped", """{"Name":"unless-stopped","MaximumRetryCount":0}""")]
    [InlineData("restart: on-failure:3", """{"Name":"on-failure","MaximumRetryCount":3}""")]
    [InlineData("restart: always\n    deploy: { restart_policy: { condition: any, max_attempts: 2 } }", """{"Name":"always","MaximumRetryCount":2}""")]
    [InlineData("deploy: { restart_policy: { condition: none } }", """{"Name":"no","MaximumRetryCount":0}""")]
    public void RestartFollowsRestartAndDeployRestartPolicy(string setting, string policy) =>
        Assert.Equal(policy, Json(Body($"services:\n  web:\n    image: nginx\n    {setting}\n")["HostConfig"]!["RestartPolicy"]));

    [Fact]
    public void HealthchecksTakeNanosecondsAndDisableIsNone()
    {
        var body = Body("""
            services:
              web:
                image: nginx
                healthcheck: { test: ["CMD", "true"], interval: 10s, timeout: 1500ms, start_period: 1m, start_interval: 2s, retries: 3 }
            """);
        Assert.Equal("""{"Test":["CMD","true"],"Interval":10000000000,"Timeout":1500000000,"StartPeriod":60000000000,"Retries":3,"StartInterval":2000000000}""",
            Json(body["Healthcheck"]));
        Assert.Equal("""{"Test":["NONE"]}""", Json(Body("services:\n  web:\n    image: nginx\n    healthcheck: { disable: true }\n")["Healthcheck"]));
    }

    [Fact]
    public void ResourcesTakeDeployLimitsOverTheServiceKeys()
    {
        var host = Body("""
            services:
              web:
                image: nginx
                mem_limit: 1g
                mem_reservation: 64m
                memswap_limit: 2g
                cpus: 0.5
                cpu_shares: 512
                cpuset: "0,1"
                pids_limit: 50
                shm_size: 128m
                ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 65535 }
                deploy: { resources: { limits: { memory: 256m, cpus: "1.5", pids: 100 } } }
            """)["HostConfig"]!;
        Assert.Equal(256L << 20, (long)host["Memory"]!);
        Assert.Equal(64L << 20, (long)host["MemoryReservation"]!);
        Assert.Equal(2L << 30, (long)host["MemorySwap"]!);
        Assert.Equal(1_500_000_000L, (long)host["NanoCpus"]!);
        Assert.Equal(512L, (long)host["CpuShares"]!);
        Assert.Equal("0,1", (string?)host["CpusetCpus"]);
        Assert.Equal(100L, (long)host["PidsLimit"]!);
        Assert.Equal(128L << 20, (long)host["ShmSize"]!);
        Assert.Equal("""[{"Name":"nofile","Soft":1024,"Hard":2048},{"Name":"nproc","Soft":65535,"Hard":65535}]""", Json(host["Ulimits"]));
    }

    [Fact]
    public void TheContainerIsCreatedOnItsFirstNetworkWithItsAliases()
    {
        var project = Load("""
            services:
              web:
                image: nginx
                networks:
                  back: { aliases: [api], ipv4_address: 10.5.0.9 }
                  front: { priority: 10 }
            networks:
              back: {}
              front: { name: public }
            """);
        var web = project.Services["web"];
        Assert.Equal([("public", (IReadOnlyList<string>)["web"], null, null), ("shop_back", ["web", "api"], "10.5.0.9", null)],
            ComposeContainers.Networks(project, web).Select(n => (n.Network, n.Aliases, n.IPv4Address, n.IPv6Address)).ToArray(),
            new NetworkComparer());
        var body = ComposeContainers.Spec(project, web, 1, new Dictionary<string, string>()).ToBody();
        Assert.Equal("public", (string?)body["HostConfig"]!["NetworkMode"]);
        Assert.Equal("""{"EndpointsConfig":{"public":{"Aliases":["web"]}}}""", Json(body["NetworkingConfig"]));
        Assert.Equal("shop_default", (string?)Body("services:\n  web:\n    image: nginx\n")["HostConfig"]!["NetworkMode"]);
    }

    private sealed class NetworkComparer : IEqualityComparer<(string, IReadOnlyList<string>, string?, string?)>
    {
        public bool Equals((string, IReadOnlyList<string>, string?, string?) x, (string, IReadOnlyList<string>, string?, string?) y) =>
            x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2) && x.Item3 == y.Item3 && x.Item4 == y.Item4;

        public int GetHashCode((string, IReadOnlyList<string>, string?, string?) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceReferencesNameTheServicesFirstContainer()
    {
        var project = Load("""
            services:
              db:
                image: postgres
              web:
                image: nginx
                network_mode: service:db
                ipc: service:db
                pid: host
                volumes_from: ["db:ro", "container:keeper"]
            """);
        var web = project.Services["web"];
        var host = ComposeContainers.Spec(project, web, 1, new Dictionary<string, string>()).ToBody()["HostConfig"]!;
        Assert.Equal("container:shop-db-1", (string?)host["NetworkMode"]);
        Assert.Equal("container:shop-db-1", (string?)host["IpcMode"]);
        Assert.Equal("host", (string?)host["PidMode"]);
        Assert.Equal("""["shop-db-1:ro","keeper"]""", Json(host["VolumesFrom"]));
        Assert.Empty(ComposeContainers.Networks(project, web));
    }

    [Fact]
    public void TheOtherSettingsCarryOver()
    {
        var body = Body("""
            services:
              web:
                image: nginx
                stop_grace_period: 1m30s
                stop_signal: SIGINT
                extra_hosts: ["db=10.0.0.5", "v6=::1"]
                user: "1000"
                working_dir: /app
                hostname: h
                domainname: example.com
                tty: true
                stdin_open: true
                privileged: true
                read_only: true
                init: true
                cap_add: [NET_ADMIN]
                devices: ["/dev/null:/dev/nothing"]
                dns: [1.1.1.1]
                security_opt: ["no-new-privileges", "systempaths=unconfined"]
                logging: { driver: json-file, options: { max-size: 1m } }
                sysctls: { net.core.somaxconn: "1024" }
                group_add: [audio]
                platform: linux/amd64
            """);
        var host = body["HostConfig"]!;
        Assert.Equal(90, (int)body["StopTimeout"]!);
        Assert.Equal("SIGINT", (string?)body["StopSignal"]);
        Assert.Equal("""["db:10.0.0.5","v6:::1"]""", Json(host["ExtraHosts"]));
        Assert.Equal(("1000", "/app", "h", "example.com"), ((string?)body["User"], (string?)body["WorkingDir"], (string?)body["Hostname"], (string?)body["Domainname"]));
        Assert.Equal((true, true, false, false), ((bool)body["Tty"]!, (bool)body["OpenStdin"]!, (bool)body["StdinOnce"]!, (bool)body["AttachStdin"]!));
        Assert.Equal((true, true, true), ((bool)host["Privileged"]!, (bool)host["ReadonlyRootfs"]!, (bool)host["Init"]!));
        Assert.Equal("""[{"PathOnHost":"/dev/null","PathInContainer":"/dev/nothing","CgroupPermissions":"rwm"}]""", Json(host["Devices"]));
        Assert.Equal("""["no-new-privileges"]""", Json(host["SecurityOpt"]));
        Assert.Equal("[]", Json(host["MaskedPaths"]));
        Assert.Equal("""{"Type":"json-file","Config":{"max-size":"1m"}}""", Json(host["LogConfig"]));
        Assert.Equal("""["NET_ADMIN"]""", Json(host["CapAdd"]));
        Assert.Equal("""["1.1.1.1"]""", Json(host["Dns"]));
        Assert.Equal("""{"net.core.somaxconn":"1024"}""", Json(host["Sysctls"]));
        Assert.Equal("""["audio"]""", Json(host["GroupAdd"]));
    }

    [Fact]
    public void AnUnknownServiceReferenceIsAnInvalidFile()
    {
        var project = Load("services:\n  web:\n    image: nginx\n    ipc: shareable\n");
        project.Services["web"].VolumesFrom = ["ghost"];
        Assert.Equal(ErrorCatalog.ComposeFileInvalid,
            Assert.Throws<ComposeException>(() => ComposeContainers.Spec(project, project.Services["web"], 1, new Dictionary<string, string>())).Code);
    }
}
