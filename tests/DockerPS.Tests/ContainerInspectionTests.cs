using System.Collections;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Get-DockerContainerProcess and Get-DockerContainerChange, compared with <c>docker top</c> and <c>docker diff</c>.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ContainerInspectionTests(EngineFixture fixture)
{
    private readonly PowerShellSession _ps = fixture.Session;

    [SkippableFact]
    public void ProcessesAreTheRowsOfDockerTop()
    {
        TestEngine.SkipOnPodman("Podman's top runs no ps and shows columns of its own");
        var a = fixture.CliContainer(true, "sh", "-c", "sleep 600 & sleep 600 & wait");
        var cli = DockerCli.Lines("top", a).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

        var result = _ps.Run($"Get-DockerContainerProcess {a}");

        Assert.Empty(result.Errors);
        Assert.Equal(cli.Select(c => int.Parse(c[1])).Order(), result.Property("Pid").Cast<int>().Order());
        var shell = result.Output.Single(p => (string)p.Properties["Command"].Value! == "sh -c sleep 600 & sleep 600 & wait");
        var shellPid = (int)shell.Properties["Pid"].Value!;
        Assert.Equal(new int?[] { shellPid, shellPid }, result.Output.Where(p => (string)p.Properties["Command"].Value! == "sleep 600").Select(p => (int?)p.Properties["ParentPid"].Value));
        Assert.Equal("root", shell.Properties["User"].Value);
        Assert.Equal(a, shell.Properties["Container"].Value);
        var columns = (IDictionary)shell.Properties["Columns"].Value!;
        Assert.Equal(new[] { "UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD" }, columns.Keys.Cast<string>());
    }

    [SkippableFact]
    public void PsArgumentsChooseTheColumns()
    {
        TestEngine.SkipOnPodman("Podman's top runs no ps and shows columns of its own");
        var a = fixture.CliContainer(true, "sleep", "600");
        var cli = DockerCli.Lines("top", a, "-o", "pid,rss,args");

        var result = _ps.Run($"Get-DockerContainerProcess {a} -PsArguments '-o pid,rss,args'");

        var process = Assert.Single(result.Output);
        var columns = (IDictionary)process.Properties["Columns"].Value!;
        Assert.Equal(cli[0].Split(' ', StringSplitOptions.RemoveEmptyEntries), columns.Keys.Cast<string>());
        Assert.Equal(int.Parse(cli[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]), process.Properties["Pid"].Value);
        Assert.Equal("sleep 600", process.Properties["Command"].Value);
        Assert.Null(process.Properties["ParentPid"].Value);
    }

    [SkippableFact]
    public void ProcessesOfPipedContainersGoOnPastUnknownAndStoppedOnes()
    {
        TestEngine.SkipOnPodman("Podman's top of a stopped container is no error");
        var a = fixture.CliContainer(true, "sleep", "600");
        var b = fixture.CliContainer(true, "sleep", "600");

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{fixture.ExitedName}', '{b}' | Get-DockerContainerProcess");

        Assert.Equal(new[] { a, b }, result.Property("Container"));
        Assert.Equal(new[]
        {
            "ContainerNotFound,DockerPS.Commands.GetDockerContainerProcessCommand",
            "ContainerNotRunning,DockerPS.Commands.GetDockerContainerProcessCommand",
        }, result.ErrorIds);
        Assert.Equal(new object[] { $"nosuch-{fixture.RunId}", fixture.ExitedName }, result.Errors.Select(e => e.TargetObject));
        Assert.Equal(ErrorCategory.ResourceUnavailable, result.Errors[1].CategoryInfo.Category);
    }

    [SkippableFact]
    public void ProcessTableReadsLikeDockerTop()
    {
        TestEngine.SkipOnPodman("Podman's top runs no ps and shows columns of its own");
        var a = fixture.CliContainer(true, "sleep", "600");

        var text = _ps.Run($"Get-DockerContainerProcess {a} | Out-Default").HostText;

        Assert.Contains($"Container: {a}", text);
        Assert.Matches(@"UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD", text);
        Assert.Contains("sleep 600", text);
    }

    [Fact]
    public void ChangesAreTheLinesOfDockerDiff()
    {
        var a = fixture.CliContainer(true, "sleep", "600");
        DockerCli.Run("exec", a, "sh", "-c", "echo x > /tmp/added; mkdir /newdir; rm /bin/ls");
        var cli = DockerCli.Lines("diff", a).Order().ToArray();

        var result = _ps.Run($"Get-DockerContainer {a} | Get-DockerContainerChange");

        Assert.Empty(result.Errors);
        Assert.Equal(cli, result.Output.Select(c => $"{c.Properties["Code"].Value} {c.Properties["Path"].Value}").Order());
        Assert.Contains("D /bin/ls", cli);
        var deleted = result.Output.Single(c => (string)c.Properties["Path"].Value! == "/bin/ls");
        Assert.Equal("Deleted", deleted.Properties["Kind"].Value!.ToString());
        Assert.Equal(a, deleted.Properties["Container"].Value);
    }

    [SkippableFact]
    public void ChangesOfPipedContainersGoOnPastAnUnknownOne()
    {
        TestEngine.SkipOnPodman("Podman writes /etc/hosts and /etc/resolv.conf into the container, so its diff shows /etc");
        var a = fixture.CliContainer(true, "sh", "-c", "touch /a; sleep 600");
        var b = fixture.CliContainer(true, "sh", "-c", "touch /b; sleep 600");
        SpinWait.SpinUntil(() => DockerCli.Lines("diff", b).Length > 0, TimeSpan.FromSeconds(30));

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | Get-DockerContainerChange");

        Assert.Equal(new[] { "/a", "/b" }, result.Property("Path"));
        Assert.Equal(new[] { "A", "A" }, result.Property("Code"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("ContainerNotFound,DockerPS.Commands.GetDockerContainerChangeCommand", error.FullyQualifiedErrorId);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
    }

    [Fact]
    public void ChangeTableReadsLikeDockerDiff()
    {
        var a = fixture.CliContainer(false, "touch", "/x");
        DockerCli.Run("start", "-a", a);

        var id = DockerCli.Run("inspect", "--format", "{{.Id}}", a).Trim()[..12];

        var result = _ps.Run($"Get-DockerContainerChange -Id {id} | Out-Default");

        Assert.Empty(result.Errors);
        Assert.Contains($"Container: {id}", result.HostText);
        Assert.Matches(@"KIND\s+PATH", result.HostText);
        Assert.Matches(@"\n\s*A\s+/x", result.HostText);
    }
}
