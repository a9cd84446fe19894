using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>New-DockerContainer: what it asks for is what the engine shows in <c>docker inspect</c>.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class NewContainerTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    private string Label => $"-Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}' }}";

    private static string Inspect(string container, string format) => DockerCli.Run("inspect", "--format", format, container).Trim();

    [SkippableFact]
    public void SettingsReachTheEngine()
    {
        TestEngine.SkipOnPodman("Podman 4.3's inspect shows no port bindings for a container it has not started");
        var name = $"dps-new-{fixture.RunId}";
        var envFile = Path.GetTempFileName();
        File.WriteAllLines(envFile, ["# settings", "FROM_FILE=one two", "OVERRIDDEN=file"]);

        var result = _ps.Run($$"""
            New-DockerContainer {{TestEnvironment.Image}} sh '-c' 'exit 3' -Name {{name}} {{Label}} -CpuShares 512 -Memory 64m -Cpus 0.5 `
                -MemorySwap 128m -MemoryReservation 32m -CpusetCpus 0 -PidsLimit 50 `
                -Environment @{ OVERRIDDEN = 'table' } -EnvFile '{{envFile}}' -Publish '127.0.0.1:18080:80/tcp', '127.0.0.1::9000-9001/udp' `
                -Volume '/tmp:/host:ro', '/anon' -Mount 'type=tmpfs,target=/scratch,tmpfs-size=1m' -RestartPolicy on-failure:3 `
                -WorkingDirectory /tmp -User nobody -Hostname box -Network none `
                -HostConfig @{ CapAdd = @('NET_ADMIN'); ReadonlyRootfs = $true } -Config @{ StopSignal = 'SIGINT' }
            """);

        Assert.Empty(result.Errors);
        var detail = Assert.Single(result.Output);
        Assert.Equal("DockerPS.ContainerDetail", detail.BaseObject.GetType().FullName);
        Assert.Equal(name, detail.Properties["Name"].Value);
        Assert.Equal("created", detail.Properties["State"].Value);
        Assert.Equal("[sh -c exit 3]", Inspect(name, "{{.Config.Cmd}}"));
        Assert.Equal("512 67108864 500000000", Inspect(name, "{{.HostConfig.CpuShares}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}"));
        // The settings docker update also changes, declared once for New-, Invoke- and Set-DockerContainer.
        Assert.Equal("134217728 33554432 0 50", Inspect(name, "{{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}} {{.HostConfig.CpusetCpus}} {{.HostConfig.PidsLimit}}"));
        var env = Inspect(name, "{{json .Config.Env}}");
        Assert.Contains("\"FROM_FILE=one two\"", env);
        Assert.Contains("\"OVERRIDDEN=table\"", env);
        Assert.DoesNotContain("OVERRIDDEN=file", env);
        Assert.Equal(
            """{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"18080"}],"9000/udp":[{"HostIp":"127.0.0.1","HostPort":""}],"9001/udp":[{"HostIp":"127.0.0.1","HostPort":""}]}""",
            Inspect(name, "{{json .HostConfig.PortBindings}}"));
        Assert.Equal("""["/tmp:/host:ro"]""", Inspect(name, "{{json .HostConfig.Binds}}"));
        Assert.Equal("""{"/anon":{}}""", Inspect(name, "{{json .Config.Volumes}}"));
        Assert.Equal("""[{"Type":"tmpfs","Target":"/scratch","TmpfsOptions":{"SizeBytes":1048576}}]""", Inspect(name, "{{json .HostConfig.Mounts}}"));
        Assert.Equal("on-failure 3", Inspect(name, "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}"));
        Assert.Equal("/tmp nobody box none", Inspect(name, "{{.Config.WorkingDir}} {{.Config.User}} {{.Config.Hostname}} {{.HostConfig.NetworkMode}}"));
        Assert.Equal("[NET_ADMIN] true SIGINT", Inspect(name, "{{.HostConfig.CapAdd}} {{.HostConfig.ReadonlyRootfs}} {{.Config.StopSignal}}"));
    }

    [Fact]
    public void TtyInteractiveEntrypointAndAutoRemove()
    {
        var name = $"dps-tty-{fixture.RunId}";

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} {Label} -Tty -Interactive -Entrypoint '' -AutoRemove -Command sh");

        Assert.Empty(result.Errors);
        Assert.Equal("true true [] true", Inspect(name, "{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.Entrypoint}} {{.HostConfig.AutoRemove}}"));
    }

    [Fact]
    public void PipedImagesCreateOneContainerEachOnTheirEngine()
    {
        var result = _ps.Run($"Get-DockerImage {fixture.TagA}, {fixture.TagB} | New-DockerContainer {Label} -Command true");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { fixture.TagA, fixture.TagB }, result.Property("Image"));
        Assert.All(result.Property("Name").Cast<string>(), n => Assert.Equal("created", Inspect(n, "{{.State.Status}}")));
    }

    [Theory]
    [InlineData("-Publish '80:x'", "InvalidPublish")]
    [InlineData("-Publish '1.2.3:80:80'", "InvalidPublish")]
    [InlineData("-Volume 'relative'", "InvalidVolume")]
    [InlineData("-Mount 'type=bind,target=/x'", "InvalidMount")]
    [InlineData("-Memory 12q", "InvalidMemory")]
    [InlineData("-Cpus none", "InvalidCpus")]
    [InlineData("-MemorySwap lots", "InvalidMemorySwap")]
    [InlineData("-MemoryReservation -5m", "InvalidMemoryReservation")]
    [InlineData("-RestartPolicy sometimes", "InvalidRestartPolicy")]
    [InlineData("-EnvFile /nonexistent/env", "InvalidEnvFile")]
    public void BadSyntaxIsRejectedBeforeAnyCall(string arguments, string errorId)
    {
        var name = $"dps-bad-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} {arguments}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},DockerPS.Commands.NewDockerContainerCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(DockerCli.Lines("ps", "-aq", "--filter", $"name=^{name}$"));
    }

    [Fact]
    public void UnknownImageAndTakenNameHaveTheirOwnErrorsAndThePipelineGoesOn()
    {
        var taken = fixture.CliContainer(false, "true");

        var result = _ps.Run($"'{TestEnvironment.Image}', 'dps-test/nosuch-{fixture.RunId}', '{TestEnvironment.Image}' | New-DockerContainer {Label} -Pull never -Command true; New-DockerContainer {TestEnvironment.Image} -Name {taken}");

        Assert.Equal(2, result.Output.Count);
        Assert.Equal(new[] { "ImageNotFound,DockerPS.Commands.NewDockerContainerCommand", "Conflict,DockerPS.Commands.NewDockerContainerCommand" }, result.ErrorIds);
        Assert.Equal($"dps-test/nosuch-{fixture.RunId}", result.Errors[0].TargetObject);
    }

    [Fact]
    public void WhatIfCreatesNothing()
    {
        var name = $"dps-whatif-{fixture.RunId}";

        var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} -Name {name} -WhatIf");

        Assert.Empty(result.Output);
        Assert.Contains(name, result.HostText);
        Assert.Empty(DockerCli.Lines("ps", "-aq", "--filter", $"name=^{name}$"));
    }

    [Fact]
    public void PublishedPortsAreBoundOnStart()
    {
        // The test engine has no default bridge; a network of the test's own carries the published port.
        var network = $"dps-net-{fixture.RunId}";
        DockerCli.Run("network", "create", "--label", $"{EngineFixture.Label}={fixture.RunId}", network);
        try
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();

            var result = _ps.Run($"New-DockerContainer {TestEnvironment.Image} sleep 60 {Label} -Network {network} -Publish '127.0.0.1:{port}:80' | Start-DockerContainer -PassThru; Get-DockerContainer -Label {EngineFixture.Label}={fixture.RunId} -Filter @{{ network = '{network}' }}");

            Assert.Empty(result.Errors);
            Assert.Equal($"127.0.0.1:{port}->80/tcp", Assert.Single(Assert.IsAssignableFrom<System.Collections.IEnumerable>(result.Output[0].Properties["Ports"].Value).Cast<object>()).ToString());
            Assert.Equal($"127.0.0.1:{port}->80/tcp", Assert.Single(Assert.IsAssignableFrom<System.Collections.IEnumerable>(result.Output[1].Properties["Ports"].Value).Cast<object>()).ToString());
            Assert.Equal($"80/tcp -> 127.0.0.1:{port}", DockerCli.Run("port", (string)result.Output[0].Properties["Id"].Value).Trim());
        }
        finally
        {
            DockerCli.Run(["rm", "-f", .. DockerCli.Lines("ps", "-aq", "--filter", $"network={network}")]);
            DockerCli.Run("network", "rm", network);
        }
    }
}
