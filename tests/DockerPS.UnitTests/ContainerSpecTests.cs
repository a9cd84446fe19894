using System.Text.Json.Nodes;
using DockerPS.Operations;
using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class PortSpecTests
{
    [Theory]
    [InlineData("80", "", "", 80, "tcp")]
    [InlineData("8080:80", "", "8080", 80, "tcp")]
    [InlineData("127.0.0.1:8080:80/tcp", "127.0.0.1", "8080", 80, "tcp")]
    [InlineData("127.0.0.1::80", "127.0.0.1", "", 80, "tcp")]
    [InlineData("53:53/UDP", "", "53", 53, "udp")]
    [InlineData("[::1]:8080:80", "::1", "8080", 80, "tcp")]
    [InlineData("[::1]:80", "::1", "", 80, "tcp")]
    [InlineData("8000-8010:80", "", "8000-8010", 80, "tcp")]
    public void ParsesOneBinding(string text, string ip, string hostPort, int port, string protocol) =>
        Assert.Equal(new PortSpec(ip, hostPort, port, protocol), Assert.Single(PortSpec.Parse(text)));

    [Fact]
    public void RangesPairUp()
    {
        Assert.Equal(
            new[] { new PortSpec("", "9000", 90, "udp"), new PortSpec("", "9001", 91, "udp") },
            PortSpec.Parse("9000-9001:90-91/udp"));
        Assert.Equal(new[] { 7000, 7001, 7002 }, PortSpec.Parse("7000-7002").Select(p => p.ContainerPort));
        Assert.Equal("80/tcp", PortSpec.Parse("80")[0].Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("80/icmp")]
    [InlineData("1:2:3:4")]
    [InlineData("localhost:80:80")]
    [InlineData("1.2.3:80:80")]
    [InlineData("9000-9002:90-91")]
    [InlineData("90-80")]
    [InlineData("[::1]8080:80")]
    public void RejectsBadText(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => PortSpec.Parse(text)).Message);
}

public sealed class MountSpecTests
{
    [Theory]
    [InlineData("/data", null, "/data")]
    [InlineData("/host:/data", "/host:/data", null)]
    [InlineData("cache:/data:ro", "cache:/data:ro", null)]
    [InlineData("/host:/data:ro,z", "/host:/data:ro,z", null)]
    public void Volumes(string text, string? bind, string? anonymous) => Assert.Equal((bind, anonymous), MountSpec.ParseVolume(text));

    [Theory]
    [InlineData("data")]
    [InlineData("/host:data")]
    [InlineData("/a:/b:rx")]
    [InlineData("/a:/b:ro:z")]
    [InlineData("/a::ro")]
    public void BadVolumes(string text) => Assert.Throws<FormatException>(() => MountSpec.ParseVolume(text));

    [Fact]
    public void MountsBecomeEngineObjects()
    {
        var bind = MountSpec.ParseMount("type=bind,source=/srv,target=/srv,readonly,bind-propagation=rslave");
        Assert.Equal("""{"Type":"bind","Source":"/srv","Target":"/srv","ReadOnly":true,"BindOptions":{"Propagation":"rslave"}}""", bind.ToJsonString());
        var tmpfs = MountSpec.ParseMount("type=tmpfs,dst=/scratch,tmpfs-size=64m,tmpfs-mode=1777");
        Assert.Equal("""{"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":67108864,"Mode":1023}}""", tmpfs.ToJsonString());
        var volume = MountSpec.ParseMount("source=cache,target=/cache,volume-nocopy");
        Assert.Equal("""{"Type":"volume","Source":"cache","Target":"/cache","VolumeOptions":{"NoCopy":true}}""", volume.ToJsonString());
    }

    [Theory]
    [InlineData("type=bind,target=/x")]
    [InlineData("source=/x")]
    [InlineData("type=nfs,target=/x")]
    [InlineData("target=/x,colour=blue")]
    [InlineData("type=tmpfs,target=/x,tmpfs-mode=999")]
    [InlineData("target=/x,readonly=maybe")]
    public void BadMounts(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => MountSpec.ParseMount(text)).Message);
}

public sealed class EnvFileTests
{
    [Fact]
    public void ReadsLikeTheDockerCli()
    {
        var lines = new[] { "# comment", "", "A=1", "  B=two words ", "C=", "FROM_ENV", "UNSET", "D=x=y" };
        var env = new Dictionary<string, string> { ["FROM_ENV"] = "here" };

        Assert.Equal(
            new[] { "A=1", "B=two words ", "C=", "FROM_ENV=here", "D=x=y" },
            EnvFile.Parse(lines, n => env.GetValueOrDefault(n)));
    }

    [Theory]
    [InlineData("=x")]
    [InlineData("TWO WORDS=x")]
    public void RejectsLinesWithoutAName(string line) =>
        Assert.Contains("Line 2", Assert.Throws<FormatException>(() => EnvFile.Parse(["A=1", line], _ => null).ToArray()).Message);

    [Theory]
    [InlineData("A=1", "A=1")]
    [InlineData("A=", "A=")]
    [InlineData("A=x=y", "A=x=y")]
    [InlineData("FROM_ENV", "FROM_ENV=here")]
    [InlineData("UNSET", null)]
    public void OneEntryIsWhatDockerRunDashETakes(string text, string? entry) =>
        Assert.Equal(entry, EnvFile.Entry(text, n => n == "FROM_ENV" ? "here" : null));

    [Theory]
    [InlineData("=x")]
    [InlineData("")]
    [InlineData("TWO WORDS")]
    public void AnEntryWithoutANameIsRefused(string text) =>
        Assert.Equal($"'{text}' is not NAME=value or NAME.", Assert.Throws<FormatException>(() => EnvFile.Entry(text, _ => "x")).Message);
}

public sealed class ContainerCreateSpecTests
{
    [Fact]
    public void BodyHasOnlyWhatWasAskedFor()
    {
        var body = new ContainerCreateSpec { Image = "busybox" }.ToBody();

        Assert.Equal("""{"Image":"busybox","Tty":false,"OpenStdin":false,"StdinOnce":false,"AttachStdin":false,"HostConfig":{}}""", body.ToJsonString());
    }

    [Fact]
    public void EverySettingLandsInItsEngineField()
    {
        var body = new ContainerCreateSpec
        {
            Image = "busybox",
            Command = ["sh", "-c", "exit 3"],
            Entrypoint = [],
            Environment = ["A=1"],
            Publish = PortSpec.Parse("127.0.0.1:8080:80").Concat(PortSpec.Parse("127.0.0.1:8081:80")).ToArray(),
            Binds = ["/h:/c:ro"],
            AnonymousVolumes = ["/anon"],
            Network = "none",
            Labels = new Dictionary<string, string> { ["a"] = "b" },
            Resources = new ContainerResources(Memory: 1024, MemorySwap: -1, NanoCpus: 5, CpuShares: 512, CpusetCpus: "0", PidsLimit: 20,
                RestartPolicy: RestartPolicySpec.Parse("on-failure:2")),
            AutoRemove = true,
            ConsoleSize = (100, 30),
        }.ToBody();

        Assert.Equal("""["sh","-c","exit 3"]""", body["Cmd"]!.ToJsonString());
        Assert.Equal("""[""]""", body["Entrypoint"]!.ToJsonString());
        Assert.Equal("""{"80/tcp":{}}""", body["ExposedPorts"]!.ToJsonString());
        Assert.Equal("""{"/anon":{}}""", body["Volumes"]!.ToJsonString());
        Assert.Equal("""{"a":"b"}""", body["Labels"]!.ToJsonString());
        var host = body["HostConfig"]!;
        Assert.Equal("""{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"},{"HostIp":"127.0.0.1","HostPort":"8081"}]}""", host["PortBindings"]!.ToJsonString());
        Assert.Equal("""{"Name":"on-failure","MaximumRetryCount":2}""", host["RestartPolicy"]!.ToJsonString());
        Assert.Equal(("none", 1024L, -1L, 5L, 512L, "0", 20L, true), ((string)host["NetworkMode"]!, (long)host["Memory"]!, (long)host["MemorySwap"]!,
            (long)host["NanoCpus"]!, (long)host["CpuShares"]!, (string)host["CpusetCpus"]!, (long)host["PidsLimit"]!, (bool)host["AutoRemove"]!));
        Assert.Null(host["MemoryReservation"]);
        // Height first, as the engine takes it.
        Assert.Equal("[30,100]", host["ConsoleSize"]!.ToJsonString());
    }

    [Fact]
    public void RawFieldsMergeOverTheRest()
    {
        var body = new ContainerCreateSpec
        {
            Image = "busybox",
            Resources = new ContainerResources(Memory: 1024, RestartPolicy: RestartPolicySpec.Parse("always")),
            RawConfig = new Dictionary<string, object?> { ["StopSignal"] = "SIGINT", ["Image"] = "other" },
            RawHostConfig = new Dictionary<string, object?>
            {
                ["Memory"] = 2048,
                ["CapAdd"] = new object?[] { "NET_ADMIN" },
                ["RestartPolicy"] = new Dictionary<string, object?> { ["MaximumRetryCount"] = 0 },
            },
        }.ToBody();

        Assert.Equal("SIGINT", (string)body["StopSignal"]!);
        Assert.Equal("other", (string)body["Image"]!);
        Assert.Equal(2048, (int)body["HostConfig"]!["Memory"]!);
        Assert.Equal("""["NET_ADMIN"]""", body["HostConfig"]!["CapAdd"]!.ToJsonString());
        Assert.Equal("""{"Name":"always","MaximumRetryCount":0}""", body["HostConfig"]!["RestartPolicy"]!.ToJsonString());
    }

    [Fact]
    public void MergeReplacesNonObjects()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":[1]},"d":1}""")!.AsObject();
        ContainerCreateSpec.Merge(target, JsonNode.Parse("""{"a":{"c":[2]},"d":{"e":1}}""")!.AsObject());
        Assert.Equal("""{"a":{"b":1,"c":[2]},"d":{"e":1}}""", target.ToJsonString());
    }
}
