using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>Invoke-DockerExec in running containers: output streams, exit codes, stdin and options, checked on the engine.</summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class ExecTests(EngineFixture fixture)
{
    private const string ExecCommand = "DockerPS.Commands.InvokeDockerExecCommand";

    private readonly PowerShellSession _ps = fixture.Session;
    private string Container => fixture.RunningName;

    private static string[] Strings(RunResult result) => result.Output.Select(o => (string)o.BaseObject).ToArray();

    private static string[] Stderr(RunResult result) =>
        result.Information.Where(i => i.Tags.Contains("stderr")).Select(i => ((HostInformationMessage)i.MessageData).Message).ToArray();

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void StdoutIsOutputAndStderrIsHostInformation()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -- sh -c \"printf 'out one\\nout two'; printf 'err one\\nérr two ✓\\n' >&2\"; $LASTEXITCODE");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "out one", "out two" }, result.Output.SkipLast(1).Select(o => (string)o.BaseObject));
        Assert.Equal(0, result.Output[^1].BaseObject);
        Assert.Equal(new[] { "err one", "érr two ✓" }, Stderr(result));
        Assert.All(result.Information, i => Assert.Contains("PSHOST", i.Tags));
        // The host shows them as it shows Write-Host output.
        Assert.Contains("err one\nérr two ✓\n", result.HostText);
    }

    [Fact]
    public void StderrCanBeCapturedAndDoesNotStopTheScript()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -ErrorAction Stop -InformationVariable captured -- sh -c 'echo problem >&2'; 'after'; $captured.MessageData.Message; Invoke-DockerExec {Container} -- sh -c 'echo merged >&2' 6>&1 | ForEach-Object {{ $_.GetType().Name + ':' + $_ }}");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "after", "problem", "InformationRecord:merged" }, Strings(result));
    }

    [Fact]
    public void NonZeroExitCodesAreErrorsWithTheCodeAndTheLastLines()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -- sh -c 'echo partial; echo failing >&2; exit 3'; $LASTEXITCODE; Invoke-DockerExec {Container} true; $LASTEXITCODE");

        Assert.Equal(new object[] { "partial", 3, 0 }, result.Output.Select(o => o.BaseObject));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ExecExitCode,{ExecCommand}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(Container, error.TargetObject);
        Assert.Equal("DockerPS.ContainerExitException", error.Exception.GetType().FullName);
        var exception = PSObject.AsPSObject(error.Exception);
        Assert.Equal(3, exception.Properties["ExitCode"].Value);
        // stdout and stderr are separate pipes: their lines may arrive in either order.
        Assert.Equal(new[] { "failing", "partial" }, ((IEnumerable<string>)exception.Properties["OutputTail"].Value).Order());
        Assert.Contains($"'sh -c 'echo partial; echo failing >&2; exit 3'' in container {Container} exited with code 3", error.Exception.Message);
        Assert.Contains("failing", error.Exception.Message);
    }

    [Fact]
    public void CommandNotFoundIsCategorisedAsSuch()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -- sh -c 'nosuchcommand'; $LASTEXITCODE");

        Assert.Equal(127, result.Output.Single().BaseObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, Assert.Single(result.Errors).CategoryInfo.Category);
    }

    [Fact]
    public void PipedTextIsStdin()
    {
        var result = _ps.Run($"'alpha', 'bêta' | Invoke-DockerExec {Container} sha256sum; @() | Invoke-DockerExec {Container} -- wc -c");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { $"{Sha256(Encoding.UTF8.GetBytes("alpha\nbêta\n"))}  -", "0" }, Strings(result));
    }

    [Fact]
    public void InputBytesGoAsTheyAre()
    {
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var result = _ps.Run($"Invoke-DockerExec {Container} sha256sum -Input $bytes; ,$bytes | Invoke-DockerExec {Container} sha256sum", new Hashtable { ["bytes"] = bytes });

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { $"{Sha256(bytes)}  -", $"{Sha256(bytes)}  -" }, Strings(result));
    }

    [Fact]
    public void LargeInputAndOutputFlowTogether()
    {
        // Far more than the pipes and sockets between hold: stdin must be written while stdout is read.
        var lines = Enumerable.Range(0, 100_000).Select(i => $"line {i} of the input").ToArray();

        var result = _ps.Run($"Invoke-DockerExec {Container} cat -Input $text", new Hashtable { ["text"] = string.Join('\n', lines) });

        Assert.Empty(result.Errors);
        Assert.Equal(lines, Strings(result));
    }

    [Fact]
    public void EnvironmentUserAndWorkingDirectoryApply()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -Environment @{{ GREETING = 'hello world'; EMPTY = '' }} -User 1234:5678 -WorkingDirectory /tmp -- sh -c 'echo \"$GREETING|$EMPTY|\"; id -u; id -g; pwd'");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "hello world||", "1234", "5678", "/tmp" }, Strings(result));
    }

    [Fact]
    public void TtyOutputIsAllStdout()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -Tty -- sh -c 'echo out; echo err >&2; tty'");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "out", "err" }, Strings(result)[..2]);
        Assert.StartsWith("/dev/pts/", Strings(result)[2]);
        Assert.Empty(result.Information);
    }

    [Fact]
    public void DetachReturnsTheRunningExecAtOnce()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -Detach -- sh -c 'touch /tmp/detached; sleep 60'");

        Assert.Empty(result.Errors);
        var exec = Assert.Single(result.Output);
        Assert.Equal("DockerPS.ContainerExec", exec.TypeNames[0]);
        Assert.True((bool)exec.Properties["Running"].Value);
        Assert.Equal(DockerCli.Run("inspect", "--format", "{{.Id}}", Container).Trim(), exec.Properties["ContainerId"].Value);
        Assert.Null(exec.Properties["ExitCode"].Value);
        Assert.True(SpinWait.SpinUntil(() => Exists("/tmp/detached"), TimeSpan.FromSeconds(30)), "the detached process did not run");
    }

    private bool Exists(string path)
    {
        try
        {
            DockerCli.Run("exec", Container, "test", "-e", path);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [Fact]
    public void WhatIfRunsNothing()
    {
        var result = _ps.Run($"Invoke-DockerExec {Container} -WhatIf -- touch /tmp/whatif");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.False(Exists("/tmp/whatif"));
    }

    [Fact]
    public void AStoppedContainerIsNotRunning()
    {
        var result = _ps.Run($"Invoke-DockerExec {fixture.ExitedName} true");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotRunning,{ExecCommand}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(fixture.ExitedName, error.TargetObject);
        // The engine's words: Docker's "is not running", Podman's "on running containers".
        Assert.Matches("is not running|on running containers", error.Exception.Message);
    }

    [Fact]
    public void PipedContainersGoOnPastAnUnknownOne()
    {
        var a = fixture.CliContainer(true, "sleep", "600");
        var b = fixture.CliContainer(true, "sleep", "600");
        string ShortId(string name) => DockerCli.Run("inspect", "--format", "{{.Id}}", name).Trim()[..12];

        var result = _ps.Run($"'{a}', 'nosuch-{fixture.RunId}', '{b}' | Invoke-DockerExec -Command hostname; Get-DockerContainer {b} | Invoke-DockerExec -Command hostname");

        Assert.Equal(new[] { ShortId(a), ShortId(b), ShortId(b) }, Strings(result));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"ContainerNotFound,{ExecCommand}", error.FullyQualifiedErrorId);
        Assert.Equal($"nosuch-{fixture.RunId}", error.TargetObject);
    }

    [Fact]
    public void StdinNeedsOneContainerAndNoDetach()
    {
        var many = _ps.Run($"'x' | Invoke-DockerExec 'cli-*' cat");
        var detached = _ps.Run($"Invoke-DockerExec {Container} -Detach -Input x cat");
        var contexts = _ps.Run($"'x' | Invoke-DockerExec {Container} -Context default, default2 cat");

        Assert.Equal($"InputNeedsOneContainer,{ExecCommand}", Assert.Single(many.Errors).FullyQualifiedErrorId);
        Assert.Equal($"InputNeedsOneContainer,{ExecCommand}", Assert.Single(contexts.Errors).FullyQualifiedErrorId);
        Assert.Equal($"InputWithDetach,{ExecCommand}", Assert.Single(detached.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void CtrlCStopsARunningExec()
    {
        var seen = new ConcurrentQueue<string>();
        var stopping = new Stopwatch();

        var result = _ps.Run($"Invoke-DockerExec {Container} -- sh -c 'echo ready; sleep 120' | ForEach-Object {{ $seen.Enqueue($_); $_ }}", new Hashtable { ["seen"] = seen }, ps =>
        {
            Assert.True(SpinWait.SpinUntil(() => seen.Contains("ready"), TimeSpan.FromSeconds(30)), "no output from the exec");
            stopping.Start();
            ps.Stop();
            stopping.Stop();
        });

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {stopping.Elapsed}");
        Assert.IsType<PipelineStoppedException>(Assert.Single(result.Errors).Exception);
    }
}
