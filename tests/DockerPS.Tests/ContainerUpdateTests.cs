using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Set-DockerContainer, checked with <c>docker inspect</c>.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerUpdateTests(EngineFixture fixture)
{
    private const string Cmdlet = "DockerPS.Commands.SetDockerContainerCommand";
    private const string Limits = "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.MemoryReservation}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}} {{.HostConfig.CpusetCpus}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}";
    private readonly PowerShellSession _ps = fixture.Session;

    /// <summary>A running container of this run with a 64 MiB memory limit (and so, on cgroup v1, 128 MiB of memory plus swap).</summary>
    private string LimitedContainer()
    {
        var name = $"dps-upd-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "run", "-d", "--name", name, "--memory", "64m" }, .. fixture.LabelArgs, TestEnvironment.Image, "sleep", "600"]);
        return name;
    }

    private static string Inspect(string container, string format) => DockerCli.Run("inspect", "--format", format, container).Trim();

    [SkippableFact]
    public void ChangesWhatDockerInspectShows()
    {
        TestEngine.SkipOnPodman("Podman 4.3 has no container update endpoint (docker update)");
        var a = LimitedContainer();

        var result = _ps.Run($"Set-DockerContainer {a} -Memory 96m -MemorySwap 192m -MemoryReservation 32m -Cpus 1.5 -CpuShares 512 -CpusetCpus 0 -PidsLimit 50 -RestartPolicy on-failure:3 -PassThru");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal($"{96 << 20} {192 << 20} {32 << 20} 1500000000 512 0 50 on-failure:3", Inspect(a, Limits));
        var detail = Assert.Single(result.Output);
        Assert.Equal("DockerPS.ContainerDetail", detail.BaseObject.GetType().FullName);
        Assert.Equal(96L << 20, _ps.Run($"(Set-DockerContainer {a} -Cpus 1 -PassThru).HostConfig.Memory").Output.Single().BaseObject);
        Assert.Equal("1000000000", Inspect(a, "{{.HostConfig.NanoCpus}}"));
    }

    [SkippableFact]
    public void LeavesWhatItIsNotGiven()
    {
        TestEngine.SkipOnPodman("Podman 4.3 has no container update endpoint (docker update)");
        var a = LimitedContainer();
        Assert.Empty(_ps.Run($"Set-DockerContainer {a} -RestartPolicy always -PidsLimit 20").Errors);
        var before = Inspect(a, Limits);

        Assert.Empty(_ps.Run($"Set-DockerContainer {a} -RestartPolicy no -MemorySwap -1").Errors);

        Assert.Equal($"{64 << 20} -1 0 0 0  20 no:0", Inspect(a, Limits));
        Assert.EndsWith(" 20 always:0", before);
    }

    [SkippableFact]
    public void PipedContainersAreUpdatedPastAnUnknownOne()
    {
        TestEngine.SkipOnPodman("Podman 4.3 has no container update endpoint (docker update)");
        var a = LimitedContainer();
        var b = LimitedContainer();

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | Set-DockerContainer -CpuShares 256 -PassThru");

        Assert.Equal(new[] { a, b }, result.Property("Name"));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
        Assert.Equal(("256", "256"), (Inspect(a, "{{.HostConfig.CpuShares}}"), Inspect(b, "{{.HostConfig.CpuShares}}")));
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        var a = LimitedContainer();
        var before = Inspect(a, Limits);

        var result = _ps.Run($"Get-DockerContainer {a} | Set-DockerContainer -Memory 32m -Cpus 0.5 -RestartPolicy always -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Equal(before, Inspect(a, Limits));
    }

    [Theory]
    [InlineData("-Memory 12x", "InvalidMemory", "12x")]
    [InlineData("-MemorySwap lots", "InvalidMemorySwap", "lots")]
    [InlineData("-MemoryReservation -5m", "InvalidMemoryReservation", "-5m")]
    [InlineData("-Cpus '1,5'", "InvalidCpus", "1,5")]
    [InlineData("-Cpus 0", "InvalidCpus", "0")]
    [InlineData("-RestartPolicy sometimes", "InvalidRestartPolicy", "sometimes")]
    [InlineData("-RestartPolicy always:3", "InvalidRestartPolicy", "always:3")]
    [InlineData("", "NothingToUpdate", null)]
    public void SyntaxErrorsStopBeforeAnyEngineCall(string arguments, string errorId, string? target)
    {
        // An engine that never answers: any call would hang until the timeout and show up in its paths.
        using var fake = FakeEngine.Silent();

        var result = _ps.Run($"Set-DockerContainer web {arguments} -DockerHost {fake.Endpoint}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(target, error.TargetObject);
        Assert.Empty(fake.Paths);
    }

    [SkippableFact]
    public void EngineRefusalsAreErrorsForThatContainer()
    {
        TestEngine.SkipOnPodman("Podman 4.3 has no container update endpoint (docker update)");
        // On cgroup v1 a memory limit above the memory-plus-swap limit is refused, as with docker update.
        var a = LimitedContainer();
        var b = LimitedContainer();

        var result = _ps.Run($"Set-DockerContainer {a}, {b} -Memory 256m");

        Assert.Equal(new[] { $"Conflict,{Cmdlet}", $"Conflict,{Cmdlet}" }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.Contains("memoryswap", e.Exception.Message));
        Assert.Equal(new object[] { a, b }, result.Errors.Select(e => e.TargetObject));
        Assert.Equal($"{64 << 20}", Inspect(a, "{{.HostConfig.Memory}}"));
    }

    [Fact]
    public void EngineWarningsBecomeWarnings()
    {
        // This machine's engine has every kernel feature it could warn about; a fake engine stands in.
        using var plain = TestEnvironment.WithoutTls();
        using var fake = FakeEngine.Answering("1.41", "1.12", new Dictionary<string, string>
        {
            ["/containers/web/update"] = """{"Warnings":["Your kernel does not support swap limit capabilities. Limitation discarded."]}""",
        });

        var result = _ps.Run($"Set-DockerContainer web -Memory 64m -MemorySwap 128m -DockerHost {fake.Endpoint}");

        Assert.Empty(result.Errors);
        Assert.Equal("web: Your kernel does not support swap limit capabilities. Limitation discarded.", Assert.Single(result.Warnings).Message);
        Assert.StartsWith("/v1.41/containers/web/update", fake.Paths[^1]);
    }

    [Fact]
    public void RestartPoliciesComplete()
    {
        Assert.Equal(new[] { "on-failure", "on-failure:3" }, Completion.Complete(_ps, "Set-DockerContainer web -RestartPolicy on"));
        Assert.Contains(fixture.RunningName, Completion.Complete(_ps, $"Set-DockerContainer {fixture.RunningName[..^4]}"));
    }
}
