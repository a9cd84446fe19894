using System.Net.Sockets;
using DockerPS.Operations;
using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("30s", 30_000_000_000)]
    [InlineData("1m30s", 90_000_000_000)]
    [InlineData("500ms", 500_000_000)]
    [InlineData("1.5h", 5_400_000_000_000)]
    [InlineData("1h2m3s4ms5us6ns", 3_723_004_005_006)]
    [InlineData("1µs", 1_000)]
    [InlineData(".5s", 500_000_000)]
    [InlineData("1.0000000009s", 1_000_000_000)]
    [InlineData("+2s", 2_000_000_000)]
    [InlineData("-2s", -2_000_000_000)]
    [InlineData("2562047h47m16.854775807s", long.MaxValue)]
    public void NanosecondsAreExact(string text, long nanoseconds) => Assert.Equal(nanoseconds, DockerUnits.ParseNanoseconds(text));

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData("--1s")]
    [InlineData("1m 30s")]
    [InlineData("2562047h47m16.854775808s")]
    [InlineData("99999999999999999999h")]
    public void BadDurationsAreRejected(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => DockerUnits.ParseNanoseconds(text)).Message);

    [Fact]
    public void HealthDurationsAreNotNegative()
    {
        Assert.Equal(1_000_000, HealthcheckSpec.ParseDuration("1ms"));
        Assert.Equal("'-1s' is negative: a health check duration is 0 or more.", Assert.Throws<FormatException>(() => HealthcheckSpec.ParseDuration("-1s")).Message);
    }
}

public sealed class HealthcheckSpecTests
{
    [Fact]
    public void OneTextRunsInTheShellAndSeveralAreACommand()
    {
        Assert.Equal(["CMD-SHELL", "curl -f localhost || exit 1"], HealthcheckSpec.Create(["curl -f localhost || exit 1"], null, null, null, null, false)!.Test);
        Assert.Equal(["CMD", "/check", "--quick"], HealthcheckSpec.Create(["/check", "--quick"], null, null, null, null, false)!.Test);
    }

    [Fact]
    public void SettingsWithoutACommandKeepTheImagesTest()
    {
        var check = HealthcheckSpec.Create(null, 30, 5, 1, 3, false)!;
        Assert.Equal((null, 30L, 5L, 1L, 3), (check.Test, check.Interval, check.Timeout, check.StartPeriod, check.Retries));
        Assert.Null(HealthcheckSpec.Create(null, null, null, null, null, false));
    }

    [Fact]
    public void NoHealthcheckIsNoneAndConflictsWithTheRest()
    {
        Assert.Equal(["NONE"], HealthcheckSpec.Create(null, null, null, null, null, true)!.Test);
        Assert.Throws<FormatException>(() => HealthcheckSpec.Create(["true"], null, null, null, null, true));
        Assert.Throws<FormatException>(() => HealthcheckSpec.Create(null, null, null, null, 0, true));
    }
}

public sealed class RunSyntaxTests
{
    [Theory]
    [InlineData("db:10.0.0.5", "db:10.0.0.5")]
    [InlineData("db=10.0.0.5", "db:10.0.0.5")]
    [InlineData("db6:::1", "db6:::1")]
    [InlineData("db6=[2001:db8::1]", "db6:2001:db8::1")]
    [InlineData("gw:host-gateway", "gw:host-gateway")]
    public void ExtraHosts(string text, string entry) => Assert.Equal(entry, RunSyntax.ParseExtraHost(text));

    [Theory]
    [InlineData("db")]
    [InlineData(":10.0.0.5")]
    [InlineData("db:host")]
    [InlineData("db:10.0.5")]
    [InlineData("a:b=1.2.3.4")]
    public void BadExtraHosts(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => RunSyntax.ParseExtraHost(text)).Message);

    [Theory]
    [InlineData("nofile=1024", "nofile", 1024, 1024)]
    [InlineData("nofile=1024:2048", "nofile", 1024, 2048)]
    [InlineData("core=-1", "core", -1, -1)]
    [InlineData("memlock=100:-1", "memlock", 100, -1)]
    public void Ulimits(string text, string name, long soft, long hard) => Assert.Equal(new UlimitSpec(name, soft, hard), RunSyntax.ParseUlimit(text));

    [Theory]
    [InlineData("nofile")]
    [InlineData("files=10")]
    [InlineData("nofile=lots")]
    [InlineData("nofile=1:2:3")]
    [InlineData("nofile=20:10")]
    public void BadUlimits(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => RunSyntax.ParseUlimit(text)).Message);

    [Theory]
    [InlineData("/dev/fuse", "/dev/fuse", "/dev/fuse", "rwm")]
    [InlineData("/dev/sda:/dev/xvda", "/dev/sda", "/dev/xvda", "rwm")]
    [InlineData("/dev/sda:r", "/dev/sda", "/dev/sda", "r")]
    [InlineData("/dev/sda:/dev/xvda:rw", "/dev/sda", "/dev/xvda", "rw")]
    public void Devices(string text, string host, string container, string permissions) =>
        Assert.Equal(new DeviceSpec(host, container, permissions), RunSyntax.ParseDevice(text));

    [Theory]
    [InlineData("")]
    [InlineData("fuse")]
    [InlineData("/dev/sda:xvda")]
    [InlineData("/dev/sda:/dev/xvda:rx")]
    [InlineData("/dev/sda:/dev/xvda:rr")]
    [InlineData("/a:/b:r:w")]
    public void BadDevices(string text) => Assert.Throws<FormatException>(() => RunSyntax.ParseDevice(text));

    [Fact]
    public void GpuRequestsFollowTheCli()
    {
        var all = RunSyntax.ParseGpus("all");
        Assert.Equal(("", -1, null, "gpu", 0), (all.Driver, all.Count, all.DeviceIds, string.Join(',', all.Capabilities), all.Options.Count));
        Assert.Equal(2, RunSyntax.ParseGpus("2").Count);
        var devices = RunSyntax.ParseGpus("\"device=0,1\",driver=nvidia");
        Assert.Equal((0, "0,1", "nvidia"), (devices.Count, string.Join(',', devices.DeviceIds!), devices.Driver));
        var capabilities = RunSyntax.ParseGpus("\"capabilities=compute,utility\",\"options=a=b,c\"");
        Assert.Equal((1, "compute,utility,gpu", "a=b;c="), (capabilities.Count, string.Join(',', capabilities.Capabilities),
            string.Join(';', capabilities.Options.Select(o => $"{o.Key}={o.Value}"))));
        // Unquoted, the list's second item is a field of its own: a count, as docker reads it.
        var unquoted = RunSyntax.ParseGpus("device=0,1");
        Assert.Equal((1, "0"), (unquoted.Count, string.Join(',', unquoted.DeviceIds!)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("some")]
    [InlineData("count=all,count=1")]
    [InlineData("colour=red")]
    [InlineData("options=\"a=b\"")]
    [InlineData("\"device=0")]
    public void BadGpuRequests(string text) => Assert.Throws<FormatException>(() => RunSyntax.ParseGpus(text));

    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("\"say \"\"hi\"\"\"", new[] { "say \"hi\"" })]
    [InlineData("a,", new[] { "a", "" })]
    public void CsvAsGoReadsIt(string text, string[] fields) => Assert.Equal(fields, RunSyntax.SplitCsv(text));

    [Theory]
    [InlineData("/run", "/run", "")]
    [InlineData("/run:size=64m,noexec", "/run", "size=64m,noexec")]
    public void Tmpfs(string text, string path, string options) => Assert.Equal(KeyValuePair.Create(path, options), RunSyntax.ParseTmpfs(text));

    [Fact]
    public void TmpfsPathsAreAbsolute() => Assert.Throws<FormatException>(() => RunSyntax.ParseTmpfs("run:size=1m"));

    [Theory]
    [InlineData("net.ipv4.ip_forward=1")]
    [InlineData("fs.mqueue.msg_max=20")]
    [InlineData("kernel.shmmax=1024")]
    public void NamespacedSysctls(string text) => Assert.Equal(text, string.Join('=', RunSyntax.ParseSysctl(text).Key, RunSyntax.ParseSysctl(text).Value));

    [Theory]
    [InlineData("net.core.somaxconn")]
    [InlineData("kernel.pid_max=100")]
    [InlineData("vm.swappiness=1")]
    public void OtherSysctlsAreRefused(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => RunSyntax.ParseSysctl(text)).Message);

    [Theory]
    [InlineData("no-new-privileges", "no-new-privileges")]
    [InlineData("no-new-privileges=true", "no-new-privileges=true")]
    [InlineData("label:disable", "label:disable")]
    [InlineData("seccomp=unconfined", "seccomp=unconfined")]
    [InlineData("apparmor=unconfined", "apparmor=unconfined")]
    [InlineData("systempaths=unconfined", null)]
    public void SecurityOptions(string text, string? sent) => Assert.Equal(sent, RunSyntax.ParseSecurityOption(text, _ => throw new IOException()));

    [Fact]
    public void ASeccompFileIsSentAsCompactJson()
    {
        Assert.Equal("""seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}""",
            RunSyntax.ParseSecurityOption("seccomp=profile.json", path => path == "profile.json" ? "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": []\n}" : ""));
        Assert.Throws<FormatException>(() => RunSyntax.ParseSecurityOption("seccomp=missing.json", _ => throw new FileNotFoundException("no such file")));
        Assert.Throws<FormatException>(() => RunSyntax.ParseSecurityOption("seccomp=bad.json", _ => "{ not json"));
    }

    [Theory]
    [InlineData("apparmor")]
    [InlineData("label=")]
    public void BadSecurityOptions(string text) => Assert.Throws<FormatException>(() => RunSyntax.ParseSecurityOption(text, _ => ""));

    [Fact]
    public void CapabilitiesAreNormalizedAsTheCliSendsThem() =>
        Assert.Equal(["ALL", "CAP_CHOWN", "CAP_NET_ADMIN"], RunSyntax.NormalizeCapabilities(["net_admin", "CAP_NET_ADMIN", "chown", "all"]));

    [Theory]
    [InlineData("ipc", "shareable")]
    [InlineData("ipc", "none")]
    [InlineData("ipc", "container:db")]
    [InlineData("pid", "host")]
    [InlineData("pid", "container:db")]
    [InlineData("uts", "host")]
    [InlineData("userns", "host")]
    public void NamespaceModes(string flag, string text) => Assert.Equal(text, RunSyntax.ParseNamespaceMode(flag, text));

    [Theory]
    [InlineData("ipc", "foo")]
    [InlineData("pid", "container:")]
    [InlineData("pid", "private")]
    [InlineData("uts", "container:db")]
    [InlineData("userns", "private")]
    public void BadNamespaceModes(string flag, string text) => Assert.Throws<FormatException>(() => RunSyntax.ParseNamespaceMode(flag, text));

    [Theory]
    [InlineData("example.org", "example.org")]
    [InlineData("example.org.", "example.org")]
    [InlineData(".", ".")]
    public void DnsSearchDomains(string text, string domain) => Assert.Equal(domain, RunSyntax.ParseDnsSearch(text));

    [Theory]
    [InlineData("-bad")]
    [InlineData("123")]
    [InlineData("a..b")]
    public void BadDnsSearchDomains(string text) => Assert.Throws<FormatException>(() => RunSyntax.ParseDnsSearch(text));

    [Fact]
    public void AddressesOfAFamily()
    {
        Assert.Equal("10.1.2.3", RunSyntax.ParseAddress("10.1.2.3", AddressFamily.InterNetwork));
        Assert.Equal("fd00::5", RunSyntax.ParseAddress("fd00::5", AddressFamily.InterNetworkV6));
        Assert.Equal("::1", RunSyntax.ParseAddress("::1"));
        Assert.Equal("'fd00::5' is not an IPv4 address.", Assert.Throws<FormatException>(() => RunSyntax.ParseAddress("fd00::5", AddressFamily.InterNetwork)).Message);
        Assert.Throws<FormatException>(() => RunSyntax.ParseAddress("10.1.2", AddressFamily.InterNetwork));
        Assert.Throws<FormatException>(() => RunSyntax.ParseAddress("10.1.2.3", AddressFamily.InterNetworkV6));
    }

    [Fact]
    public void ExposedPorts()
    {
        Assert.Equal(["80/tcp"], RunSyntax.ParseExpose("80"));
        Assert.Equal(["7000/udp", "7001/udp"], RunSyntax.ParseExpose("7000-7001/udp"));
        Assert.Throws<FormatException>(() => RunSyntax.ParseExpose("8080:80"));
        Assert.Throws<FormatException>(() => RunSyntax.ParseExpose("http"));
    }

    [Fact]
    public void LogOptions()
    {
        Assert.Equal(KeyValuePair.Create("max-size", "10m"), RunSyntax.ParseLogOption("max-size=10m"));
        Assert.Equal(KeyValuePair.Create("labels", ""), RunSyntax.ParseLogOption("labels"));
        Assert.Throws<FormatException>(() => RunSyntax.ParseLogOption("=10m"));
    }

    [Fact]
    public void LabelFileLinesTakeNoValueFromTheEnvironment() =>
        Assert.Equal(["a=1", "b= x"], EnvFile.Parse(["# labels", "a=1", "bare", "  b= x"], _ => null));
}

public sealed class ContainerRunOptionsTests
{
    [Fact]
    public void NothingGivenWritesNothing()
    {
        var body = new ContainerCreateSpec { Image = "busybox", Options = new ContainerRunOptions() }.ToBody();
        Assert.Equal("""{"Image":"busybox","Tty":false,"OpenStdin":false,"StdinOnce":false,"AttachStdin":false,"HostConfig":{}}""", body.ToJsonString());
    }

    [Fact]
    public void EverySettingLandsInItsEngineField()
    {
        var body = new ContainerCreateSpec
        {
            Image = "busybox",
            Network = "backend",
            Publish = PortSpec.Parse("8080:80"),
            Resources = new ContainerResources(CpuPeriod: 100000, CpuQuota: 50000, CpusetMems: "0"),
            Options = new ContainerRunOptions
            {
                Expose = ["9000/udp"],
                Healthcheck = HealthcheckSpec.Create(["true"], 30_000_000_000, null, null, 3, false),
                StopTimeout = 5,
                StopSignal = "SIGINT",
                Privileged = true,
                ReadOnly = true,
                Init = true,
                OomKillDisable = true,
                ExtraHosts = ["db:10.0.0.5"],
                CapAdd = ["CAP_NET_ADMIN"],
                CapDrop = ["ALL"],
                Devices = [RunSyntax.ParseDevice("/dev/fuse")],
                Gpus = [RunSyntax.ParseGpus("all")],
                LogDriver = "json-file",
                LogOptions = new Dictionary<string, string> { ["max-size"] = "1m" },
                ShmSize = 1024,
                Ulimits = [RunSyntax.ParseUlimit("nofile=10:20")],
                Tmpfs = new Dictionary<string, string> { ["/run"] = "size=1m" },
                SecurityOptions = ["no-new-privileges"],
                UnconfinedSystemPaths = true,
                Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "100" },
                Dns = ["1.1.1.1"],
                DnsSearch = ["example.org"],
                DnsOptions = ["ndots:2"],
                IpcMode = "shareable",
                PidMode = "host",
                UtsMode = "host",
                UsernsMode = "host",
                VolumesFrom = ["data:ro"],
                GroupAdd = ["audio"],
                Runtime = "runc",
                NetworkAliases = ["api"],
                IPv4Address = "172.30.0.10",
            },
        }.ToBody();

        Assert.Equal("""{"80/tcp":{},"9000/udp":{}}""", body["ExposedPorts"]!.ToJsonString());
        Assert.Equal("""{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Retries":3}""", body["Healthcheck"]!.ToJsonString());
        Assert.Equal((5, "SIGINT"), ((int)body["StopTimeout"]!, (string)body["StopSignal"]!));
        Assert.Equal("""{"EndpointsConfig":{"backend":{"Aliases":["api"],"IPAMConfig":{"IPv4Address":"172.30.0.10"}}}}""", body["NetworkingConfig"]!.ToJsonString());
        var host = body["HostConfig"]!.AsObject();
        Assert.Equal(
            """{"PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"NetworkMode":"backend","CpuPeriod":100000,"CpuQuota":50000,"CpusetMems":"0","Privileged":true,"ReadonlyRootfs":true,"Init":true,"OomKillDisable":true,"ExtraHosts":["db:10.0.0.5"],"CapAdd":["CAP_NET_ADMIN"],"CapDrop":["ALL"],"Devices":[{"PathOnHost":"/dev/fuse","PathInContainer":"/dev/fuse","CgroupPermissions":"rwm"}],"DeviceRequests":[{"Driver":"","Count":-1,"Capabilities":[["gpu"]],"Options":{}}],"LogConfig":{"Type":"json-file","Config":{"max-size":"1m"}},"ShmSize":1024,"Ulimits":[{"Name":"nofile","Soft":10,"Hard":20}],"Tmpfs":{"/run":"size=1m"},"SecurityOpt":["no-new-privileges"],"MaskedPaths":[],"ReadonlyPaths":[],"Sysctls":{"net.core.somaxconn":"100"},"Dns":["1.1.1.1"],"DnsSearch":["example.org"],"DnsOptions":["ndots:2"],"IpcMode":"shareable","PidMode":"host","UTSMode":"host","UsernsMode":"host","VolumesFrom":["data:ro"],"GroupAdd":["audio"],"Runtime":"runc"}""",
            host.ToJsonString());
    }

    [Fact]
    public void RawFieldsStillMergeLast()
    {
        var body = new ContainerCreateSpec
        {
            Image = "busybox",
            Options = new ContainerRunOptions { StopSignal = "SIGINT", ReadOnly = true },
            RawConfig = new Dictionary<string, object?> { ["StopSignal"] = "SIGQUIT" },
            RawHostConfig = new Dictionary<string, object?> { ["ReadonlyRootfs"] = false },
        }.ToBody();

        Assert.Equal(("SIGQUIT", false), ((string)body["StopSignal"]!, (bool)body["HostConfig"]!["ReadonlyRootfs"]!));
    }
}
