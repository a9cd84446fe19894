using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The docker run flags of New- and Invoke-DockerContainer: each reaches its engine field (read back with docker inspect),
/// shows its effect inside a running container, or is refused before anything is created. Main leg only: the flags are
/// the same request fields on every engine, and some (namespaces, sysctls, devices) need the main engine's privileges.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class RunSurfaceTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    private string Label => $"-Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}' }}";

    private string Unique(string what) => $"dps-{what}-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";

    private static string Inspect(string container, string format) => DockerCli.Run("inspect", "--format", format, container).Trim();

    private static string[] Stderr(RunResult result) =>
        result.Information.Where(i => i.Tags.Contains("stderr")).Select(i => ((HostInformationMessage)i.MessageData).Message).ToArray();

    private static bool Exists(string name) => DockerCli.Lines("ps", "-aq", "--filter", $"name=^{name}$").Length > 0;

    [Theory]
    [InlineData("-Privileged -ReadOnly -Init -OomKillDisable", "{{.HostConfig.Privileged}} {{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Init}} {{.HostConfig.OomKillDisable}}", "true true true true")]
    [InlineData("-AddHost 'db:10.0.0.5', 'db6=[::1]', 'gw:host-gateway'", "{{json .HostConfig.ExtraHosts}}", """["db:10.0.0.5","db6:::1","gw:host-gateway"]""")]
    [InlineData("-HealthCommand 'exit 0' -HealthInterval 1m30s -HealthTimeout 500ms -HealthStartPeriod 2s -HealthRetries 4", "{{json .Config.Healthcheck}}",
        """{"Test":["CMD-SHELL","exit 0"],"Interval":90000000000,"Timeout":500000000,"StartPeriod":2000000000,"Retries":4}""")]
    [InlineData("-HealthCmd /bin/true, --quick", "{{json .Config.Healthcheck.Test}}", """["CMD","/bin/true","--quick"]""")]
    [InlineData("-NoHealthcheck", "{{json .Config.Healthcheck}}", """{"Test":["NONE"]}""")]
    [InlineData("-CapAdd net_admin, CAP_SYS_TIME -CapDrop all", "{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}}", """["CAP_NET_ADMIN","CAP_SYS_TIME"] ["ALL"]""")]
    [InlineData("-Device /dev/null:/dev/nothing:r, /dev/zero", "{{json .HostConfig.Devices}}",
        """[{"PathOnHost":"/dev/null","PathInContainer":"/dev/nothing","CgroupPermissions":"r"},{"PathOnHost":"/dev/zero","PathInContainer":"/dev/zero","CgroupPermissions":"rwm"}]""")]
    // No GPU here: the request is read back after create (a start would fail for want of a GPU driver).
    [InlineData("-Gpus all, '\"device=0,1\",capabilities=compute'", "{{json .HostConfig.DeviceRequests}}",
        """[{"Driver":"","Count":-1,"DeviceIDs":null,"Capabilities":[["gpu"]],"Options":{}},{"Driver":"","Count":0,"DeviceIDs":["0","1"],"Capabilities":[["compute","gpu"]],"Options":{}}]""")]
    [InlineData("-LogDriver json-file -LogOption @{ 'max-size' = '1m' }, 'max-file=2'", "{{json .HostConfig.LogConfig}}", """{"Type":"json-file","Config":{"max-file":"2","max-size":"1m"}}""")]
    [InlineData("-ShmSize 64m", "{{.HostConfig.ShmSize}}", "67108864")]
    [InlineData("-Ulimit nofile=100:200, nproc=50", "{{json .HostConfig.Ulimits}}", """[{"Name":"nofile","Hard":200,"Soft":100},{"Name":"nproc","Hard":50,"Soft":50}]""")]
    [InlineData("-StopTimeout 3 -StopSignal SIGINT", "{{.Config.StopTimeout}} {{.Config.StopSignal}}", "3 SIGINT")]
    [InlineData("-Tmpfs /scratch:size=1m, /run", "{{json .HostConfig.Tmpfs}}", """{"/run":"","/scratch":"size=1m"}""")]
    [InlineData("-SecurityOption no-new-privileges, systempaths=unconfined", "{{json .HostConfig.SecurityOpt}} {{json .HostConfig.MaskedPaths}}", """["no-new-privileges"] []""")]
    [InlineData("-Sysctl @{ 'net.core.somaxconn' = 100 }, 'kernel.shmmni=4000'", "{{json .HostConfig.Sysctls}}", """{"kernel.shmmni":"4000","net.core.somaxconn":"100"}""")]
    [InlineData("-Dns 10.0.0.53 -DnsSearch example.org -DnsOption ndots:2", "{{json .HostConfig.Dns}} {{json .HostConfig.DnsSearch}} {{json .HostConfig.DnsOptions}}",
        """["10.0.0.53"] ["example.org"] ["ndots:2"]""")]
    [InlineData("-Ipc shareable -Pid host -Uts host -Userns host", "{{.HostConfig.IpcMode}} {{.HostConfig.PidMode}} {{.HostConfig.UTSMode}} {{.HostConfig.UsernsMode}}", "shareable host host host")]
    [InlineData("-Expose 7000-7001/udp, 80", "{{json .Config.ExposedPorts}}", """{"7000/udp":{},"7001/udp":{},"80/tcp":{}}""")]
    [InlineData("-GroupAdd audio, 1234 -Runtime runc -VolumesFrom {created}:ro", "{{json .HostConfig.GroupAdd}} {{.HostConfig.Runtime}} {{json .HostConfig.VolumesFrom}}",
        """["audio","1234"] runc ["{created}:ro"]""")]
    [InlineData("-CpuPeriod 100000 -CpuQuota 50000 -CpusetMems 0", "{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpusetMems}}", "100000 50000 0")]
    public void FlagsReachTheirEngineFields(string arguments, string format, string expected)
    {
        var name = Unique("flag");

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} {Label} {arguments.Replace("{created}", fixture.CreatedName)} -Command true");

        Assert.Empty(result.Errors);
        Assert.Equal(expected.Replace("{created}", fixture.CreatedName), Inspect(name, format));
    }

    [Theory]
    [InlineData("-ReadOnly", "touch /probe 2>/dev/null || echo read-only", "read-only")]
    [InlineData("-AddHost 'db.internal:10.1.2.3'", "grep db.internal /etc/hosts", "10.1.2.3\tdb.internal")]
    [InlineData("-Sysctl net.core.somaxconn=1234", "cat /proc/sys/net/core/somaxconn", "1234")]
    [InlineData("-Tmpfs /scratch:size=1m", "grep ' /scratch ' /proc/mounts | cut -d' ' -f3", "tmpfs")]
    [InlineData("-Ulimit nofile=123:456", "ulimit -n; ulimit -Hn", "123|456")]
    [InlineData("-Init", "cat /proc/1/comm", "docker-init")]
    [InlineData("-Dns 10.9.8.7 -DnsSearch corp.example -DnsOption ndots:3", "grep -E '^(nameserver|search|options)' /etc/resolv.conf", "nameserver 10.9.8.7|search corp.example|options ndots:3")]
    [InlineData("-CapDrop all", "chown 1 /tmp 2>/dev/null || echo denied", "denied")]
    [InlineData("-ShmSize 8m", "df -k /dev/shm | tail -n 1 | awk '{print $2}'", "8192")]
    public void FlagsShowInsideTheContainer(string arguments, string script, string expected)
    {
        var result = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} {Label} -Remove {arguments} -- sh -c \"{script.Replace("$", "`$")}\"");

        Assert.Empty(result.Errors);
        Assert.Equal(expected, string.Join('|', result.Output.Select(o => o.BaseObject)));
    }

    [Theory]
    [InlineData("-AddHost db", "InvalidAddHost")]
    [InlineData("-HealthInterval 10", "InvalidHealthInterval")]
    [InlineData("-HealthTimeout -1s", "InvalidHealthTimeout")]
    [InlineData("-HealthStartPeriod soon", "InvalidHealthStartPeriod")]
    [InlineData("-NoHealthcheck -HealthRetries 2", "InvalidNoHealthcheck")]
    [InlineData("-Device relative", "InvalidDevice")]
    [InlineData("-Gpus some", "InvalidGpus")]
    [InlineData("-LogDriver none -LogOption max-size=1m", "InvalidLogOption")]
    [InlineData("-ShmSize lots", "InvalidShmSize")]
    [InlineData("-Ulimit nofile=20:10", "InvalidUlimit")]
    [InlineData("-NetworkAlias api", "InvalidNetworkAlias")]
    [InlineData("-IPAddress 10.0.0.1", "InvalidIPAddress")]
    [InlineData("-Network bridge -IPAddress fd00::1", "InvalidIPAddress")]
    [InlineData("-Network bridge -IPv6Address 10.0.0.1", "InvalidIPv6Address")]
    [InlineData("-Tmpfs run", "InvalidTmpfs")]
    [InlineData("-SecurityOption apparmor", "InvalidSecurityOption")]
    [InlineData("-SecurityOption seccomp=/nonexistent/profile.json", "InvalidSecurityOption")]
    [InlineData("-Sysctl kernel.pid_max=10", "InvalidSysctl")]
    [InlineData("-Dns 10.0.5", "InvalidDns")]
    [InlineData("-DnsSearch -bad", "InvalidDnsSearch")]
    [InlineData("-Ipc foo", "InvalidIpcMode")]
    [InlineData("-Pid private", "InvalidPidMode")]
    [InlineData("-Uts container:x", "InvalidUtsMode")]
    [InlineData("-Userns private", "InvalidUsernsMode")]
    [InlineData("-LabelFile /nonexistent/labels", "InvalidLabelFile")]
    [InlineData("-Expose 8080:80", "InvalidExpose")]
    [InlineData("-CpuPeriod 100000 -Memory lots", "InvalidMemory")]
    public void BadValuesAreRefusedBeforeAnythingIsCreated(string arguments, string errorId)
    {
        var name = Unique("bad");

        var created = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} {Label} {arguments} -Command true");
        var run = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} -Name {name} {Label} {arguments} -Command true");

        Assert.Equal($"{errorId},DockerPS.Commands.NewDockerContainerCommand", Assert.Single(created.Errors).FullyQualifiedErrorId);
        Assert.Equal($"{errorId},DockerPS.Commands.InvokeDockerContainerCommand", Assert.Single(run.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, created.Errors[0].CategoryInfo.Category);
        Assert.False(Exists(name));
    }

    [Fact]
    public void EndpointSettingsGoToTheNetwork()
    {
        var network = Unique("net");
        var octet = Random.Shared.Next(0, 256);
        DockerCli.Run("network", "create", "--label", $"{EngineFixture.Label}={fixture.RunId}", "--subnet", $"172.29.{octet}.0/24",
            "--ipv6", "--subnet", $"fd00:d95:{octet:x}::/64", network);
        var name = Unique("ip");

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} {Label} -Network {network} -IPAddress 172.29.{octet}.10 -Ip6 fd00:d95:{octet:x}::10 -NetworkAlias api, web -Command sleep, 60 | Start-DockerContainer");

        Assert.Empty(result.Errors);
        var endpoint = $"(index .NetworkSettings.Networks \"{network}\")";
        Assert.Equal($"172.29.{octet}.10 fd00:d95:{octet:x}::10 172.29.{octet}.10 fd00:d95:{octet:x}::10",
            Inspect(name, $"{{{{{endpoint}.IPAMConfig.IPv4Address}}}} {{{{{endpoint}.IPAMConfig.IPv6Address}}}} {{{{{endpoint}.IPAddress}}}} {{{{{endpoint}.GlobalIPv6Address}}}}"));
        Assert.Contains("\"api\",\"web\"", Inspect(name, $"{{{{json {endpoint}.Aliases}}}}"));
    }

    [Fact]
    public void AttachPassesOnOnlyTheStreamsNamed()
    {
        var script = $"Invoke-DockerContainer {TestEnvironment.Image} {Label} -Remove -Attach STREAMS -- sh -c 'cat; echo out; echo err >&2'";

        var stdout = _ps.Run(script.Replace("STREAMS", "stdout"));
        var stderr = _ps.Run(script.Replace("STREAMS", "stderr"));
        var stdin = _ps.Run(script.Replace("STREAMS", "stdin, stdout -Input hello"));

        Assert.Equal(new object[] { "out" }, stdout.Output.Select(o => o.BaseObject));
        Assert.Empty(Stderr(stdout));
        Assert.Empty(stderr.Output);
        Assert.Equal(["err"], Stderr(stderr));
        Assert.Equal(new object[] { "hello", "out" }, stdin.Output.Select(o => o.BaseObject));
        Assert.Empty(stdout.Errors.Concat(stderr.Errors).Concat(stdin.Errors));
    }

    [Fact]
    public void TheContainerIdFileIsWrittenAndNeverOverwritten()
    {
        var file = Path.Combine(Path.GetTempPath(), Unique("cid"));
        var second = Unique("cid2");
        try
        {
            var created = _ps.Run($"New-DockerContainer {TestEnvironment.Image} {Label} -CidFile '{file}' -Command true");
            var refused = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} -Name {second} {Label} -ContainerIdFile '{file}' -Command true");

            Assert.Empty(created.Errors);
            Assert.Equal(created.Output.Single().Properties["Id"].Value, File.ReadAllText(file));
            Assert.Equal("InvalidContainerIdFile,DockerPS.Commands.InvokeDockerContainerCommand", Assert.Single(refused.Errors).FullyQualifiedErrorId);
            Assert.False(Exists(second));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void LabelFilesAreReadAsDockerReadsThemAndLabelsWin()
    {
        var file = Path.GetTempFileName();
        File.WriteAllLines(file, ["# labels", "team=db", "bare", "tier=from-file"]);
        var name = Unique("labels");

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} -LabelFile '{file}' -Label @{{ tier = 'param'; '{EngineFixture.Label}' = '{fixture.RunId}' }} -Command true");

        Assert.Empty(result.Errors);
        Assert.Equal($$"""{"{{EngineFixture.Label}}":"{{fixture.RunId}}","team":"db","tier":"param"}""", Inspect(name, "{{json .Config.Labels}}"));
    }

    [Fact]
    public void ASeccompProfileFileIsSentAsItsJson()
    {
        var profile = Path.GetTempFileName();
        File.WriteAllText(profile, "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n");
        var name = Unique("seccomp");

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} {Label} -SecurityOpt 'seccomp={profile}' -Command true");

        Assert.Empty(result.Errors);
        Assert.Equal("""["seccomp={\"defaultAction\":\"SCMP_ACT_ALLOW\"}"]""", Inspect(name, "{{json .HostConfig.SecurityOpt}}"));
    }

    [Fact]
    public void SetDockerContainerChangesTheNewCpuSettings()
    {
        var name = fixture.CliContainer(false, "true");

        var result = _ps.Run($"Set-DockerContainer {name} -CpuPeriod 200000 -CpuQuota 100000 -CpusetMems 0 -WhatIf; Set-DockerContainer {name} -CpuPeriod 200000 -CpuQuota 100000 -CpusetMems 0");

        Assert.Empty(result.Errors);
        Assert.Contains("cpu-period 200000, cpu-quota 100000, cpuset-mems 0", result.HostText);
        Assert.Equal("200000 100000 0", Inspect(name, "{{.HostConfig.CpuPeriod}} {{.HostConfig.CpuQuota}} {{.HostConfig.CpusetMems}}"));
    }
}
