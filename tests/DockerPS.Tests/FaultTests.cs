using System.Diagnostics;
using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;
using Xunit.Abstractions;

namespace DockerPS.Tests;

/// <summary>
/// The engine and the registry fail under an operation: a disposable engine and registry of the suite's own
/// (<see cref="DisposableEngine"/>, <see cref="DisposableRegistry"/>) are killed (SIGKILL), frozen (SIGSTOP) and
/// restarted while a cmdlet streams, uploads or downloads. Each case checks the error id, that the cmdlet ended within
/// <see cref="Bound"/> of the fault (no hang), that nothing was written outside its place, and that the same session's
/// next call succeeds once the engine is back. Main leg only: the engine is the main leg's Docker 28.
/// </summary>
public sealed class FaultTests : IClassFixture<FaultFixture>
{
    private readonly FaultFixture fixture;
    private readonly ITestOutputHelper output;

    /// <summary>Each case starts with the engine and the registry up, even after a case that failed before bringing them back.</summary>
    public FaultTests(FaultFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
        fixture.Recover();
    }

    /// <summary>Generous: the cases end within a second or two of their fault here.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private DisposableEngine Engine => fixture.Engine!;

    private DisposableRegistry Registry => fixture.Registry!;

    /// <summary>
    /// Runs <paramref name="script"/> and applies <paramref name="fault"/> when the script calls <c>$fault.Invoke()</c>,
    /// or else once <paramref name="when"/> holds; returns what the script produced and how long it ran after the fault.
    /// A script still running <see cref="Bound"/> after the fault (or after its start, unfaulted) is stopped and fails the
    /// test: a hang fails, it does not block the run.
    /// </summary>
    private (RunResult Result, TimeSpan AfterFault) RunWithFault(string script, Action fault, Func<bool>? when = null)
    {
        var clock = new Stopwatch();
        var faulted = false;
        var once = new Action(() =>
        {
            lock (clock)
            {
                if (!faulted)
                {
                    fault();
                    faulted = true;
                    clock.Start();
                }
            }
        });
        var hung = false;
        var result = fixture.Session.Run(script, new Dictionary<string, object> { ["fault"] = once }, whileRunning: ps =>
        {
            var started = Stopwatch.StartNew();
            while (ps.InvocationStateInfo.State is not (PSInvocationState.Completed or PSInvocationState.Failed or PSInvocationState.Stopped))
            {
                if (when is not null && !faulted && when())
                {
                    once();
                }
                if ((faulted ? clock.Elapsed : started.Elapsed) > Bound)
                {
                    hung = true;
                    ps.Stop();
                    break;
                }
                Thread.Sleep(10);
            }
            clock.Stop();
        });
        output.WriteLine($"ended {clock.ElapsedMilliseconds} ms after the fault with {result.Output.Count} objects: {string.Join("; ", RunResult.Described(result.Errors))}");
        Assert.True(faulted, hung ? "the fault was never applied and the script did not end" : "the fault was never applied: the operation ended before it");
        Assert.False(hung, $"the cmdlet had not ended {Bound.TotalSeconds} s after the fault");
        return (result, clock.Elapsed);
    }

    /// <summary>How much of a transfer has arrived when it is faulted: well into it, far from its end.</summary>
    private const long Midway = 16 << 20;

    /// <summary>How long a file is; 0 while it does not exist.</summary>
    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static void AssertFailedWith(RunResult result, string id) =>
        Assert.Equal(id, Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);

    /// <summary>The cmdlet failed as the engine died under it; restarted, the same session's next call works.</summary>
    private void AssertConnectionLostThenRecovers(RunResult result)
    {
        AssertFailedWith(result, "EngineConnectionLost");
        Engine.Restart();
        AssertNextCallSucceeds();
    }

    /// <summary>A file of <paramref name="length"/> bytes that takes no disk: long enough to send for seconds, the fault comes well before its end.</summary>
    private static void SparseFile(string path, long length)
    {
        using var file = File.Create(path);
        file.SetLength(length);
    }

    /// <summary>The engine back, the same session's next call works.</summary>
    private void AssertNextCallSucceeds()
    {
        var next = fixture.Session.Run($"Get-DockerImage '{TestEnvironment.Image}'");
        Assert.Empty(RunResult.Described(next.Errors));
        Assert.Single(next.Output);
    }

    /// <summary>A container writing a line every 0.1 s (run with an init, so that it stops at once).</summary>
    private string Ticking() => Engine.Cli("run", "-d", "--init", TestEnvironment.Image, "sh", "-c", "while true; do echo tick; sleep 0.1; done").Trim();

    [SkippableFact]
    public void FollowedLogsEndWhenTheEngineDiesAndTheSessionRecovers()
    {
        fixture.SkipOffMain();
        var container = Ticking();

        var (result, _) = RunWithFault($"$n = 0; Get-DockerContainerLog {container} -Follow | ForEach-Object {{ if (++$n -eq 3) {{ $fault.Invoke() }} }}", Engine.Kill);

        AssertFailedWith(result, "EngineConnectionLost");
        Assert.Contains("was lost during the operation", result.Errors[0].Exception.Message);
        Assert.Equal(Engine.Host, result.Errors[0].TargetObject);
        // Down, it cannot be reached at all; back, the same session works again.
        AssertFailedWith(fixture.Session.Run("Get-DockerContainer"), "EngineUnreachable");
        Engine.Restart();
        AssertNextCallSucceeds();
    }

    [SkippableFact]
    public void FollowedEventsEndWhenTheEngineDies()
    {
        fixture.SkipOffMain();

        // An event to replay: the engine keeps only those since it started.
        Engine.Cli("tag", TestEnvironment.Image, "fault/event:1");

        var (result, _) = RunWithFault("Get-DockerEvent -Follow -Since ([DateTime]::Now.AddHours(-1)) | ForEach-Object { $fault.Invoke() }", Engine.Kill);

        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void ExecOutputEndsWhenTheEngineDies()
    {
        fixture.SkipOffMain();
        var container = Ticking();

        var (result, _) = RunWithFault($"$n = 0; Invoke-DockerExec {container} -Command sh, -c, 'while true; do echo x; sleep 0.1; done' | ForEach-Object {{ if (++$n -eq 3) {{ $fault.Invoke() }} }}",
            Engine.Kill);

        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void ACopyOutOfAContainerWritesOnlyItsDestinationWhenTheEngineDies()
    {
        fixture.SkipOffMain();
        var container = Ticking();
        // A sparse gigabyte: the engine sends it whole, the fault comes well before its end.
        Engine.Cli("exec", container, "truncate", "-s", "1G", "/big");
        var local = Engine.Scratch("copy-out");

        var target = Path.Combine(local, "big");

        var (result, _) = RunWithFault($"Copy-DockerItem '{container}:/big' '{target}'", Engine.Kill, when: () => Length(target) > Midway);

        // At most the part of the file that arrived, nothing beside it.
        Assert.All(Directory.GetFileSystemEntries(local), entry => Assert.Equal(target, entry));
        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void ACopyIntoAContainerFailsWhenTheEngineDies()
    {
        fixture.SkipOffMain();
        var container = Ticking();
        var local = Engine.Scratch("copy-in");
        SparseFile(Path.Combine(local, "upload"), 4L << 30);
        var arrived = Path.Combine(Engine.Cli("inspect", "--format", "{{.GraphDriver.Data.UpperDir}}", container).Trim(), "upload");

        var (result, _) = RunWithFault($"Copy-DockerItem '{local}/upload' '{container}:/upload'", Engine.Kill, when: () => Length(arrived) > Midway);

        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void ABuildFailsWhenTheEngineDiesDuringItsContextUpload()
    {
        fixture.SkipOffMain();
        var context = Engine.Scratch("build-upload");
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {TestEnvironment.Image}\nCOPY big /big\n");
        SparseFile(Path.Combine(context, "big"), 4L << 30);

        var before = Engine.TemporaryBytes();

        var (result, _) = RunWithFault($"Invoke-DockerBuild '{context}' -Tag fault/upload", Engine.Kill, when: () => Engine.TemporaryBytes() > before + Midway);

        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void ABuildFailsWhenTheEngineDiesDuringARunStep()
    {
        fixture.SkipOffMain();
        var context = Engine.Scratch("build-run");
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {TestEnvironment.Image}\nRUN sleep 60\n");

        var (result, _) = RunWithFault($"Invoke-DockerBuild '{context}' -Tag fault/run", Engine.Kill, when: () => Engine.Cli("ps", "-q").Trim().Length > 0);

        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void AFrozenEngineTimesOutWithEngineTimeoutSecondsAndRecoversWhenThawed()
    {
        fixture.SkipOffMain();
        try
        {
            var (result, after) = RunWithFault("$fault.Invoke(); Get-DockerContainer -EngineTimeoutSeconds 2", Engine.Freeze);

            AssertFailedWith(result, "EngineTimeout");
            Assert.True(after >= TimeSpan.FromSeconds(1.9), $"timed out after {after.TotalSeconds:0.0} s, before the 2 s given");
        }
        finally
        {
            Engine.Thaw();
        }
        AssertNextCallSucceeds();
    }

    [SkippableFact]
    public void AFollowedStreamOfAFrozenEngineStopsAtOnce()
    {
        fixture.SkipOffMain();
        var container = Ticking();
        try
        {
            var stopped = TimeSpan.Zero;
            fixture.Session.Run($"Get-DockerContainerLog {container} -Follow", whileRunning: ps =>
            {
                Thread.Sleep(500);
                Engine.Freeze();
                Thread.Sleep(500);
                var clock = Stopwatch.StartNew();
                ps.Stop();
                stopped = clock.Elapsed;
            });
            output.WriteLine($"stopped {stopped.TotalMilliseconds:0} ms after Stop()");
            Assert.True(stopped < TimeSpan.FromSeconds(2), $"stopping took {stopped.TotalSeconds:0.0} s");
        }
        finally
        {
            Engine.Thaw();
        }
        AssertNextCallSucceeds();
    }

    [SkippableFact]
    public void PushAndPullNameAnUnreachableRegistry()
    {
        fixture.SkipOffMain();
        var image = $"{Registry.Address}/fault/down:1";
        Engine.Cli("tag", TestEnvironment.Image, image);
        Registry.Kill();
        try
        {
            var clock = Stopwatch.StartNew();
            var push = fixture.Session.Run($"Push-DockerImage '{image}'");
            var pull = fixture.Session.Run($"Request-DockerImage '{Registry.Address}/fault/missing:1'");

            output.WriteLine($"push and pull failed in {clock.ElapsedMilliseconds} ms: {string.Join("; ", RunResult.Described(push.Errors.Concat(pull.Errors)))}");
            AssertFailedWith(push, "RegistryUnreachable");
            AssertFailedWith(pull, "RegistryUnreachable");
            Assert.Contains(Registry.Address, push.Errors[0].Exception.Message);
            Assert.True(clock.Elapsed < Bound, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            Registry.Restart();
        }
        // The registry back, the same session pushes.
        Assert.Empty(RunResult.Described(fixture.Session.Run($"Push-DockerImage '{image}'").Errors));
    }

    /// <summary>
    /// A push the registry dies under (then stopped, as a user gives up on its retries) leaves the registry with half an
    /// upload; once the registry is back the next push completes, and the image pulls back whole.
    /// </summary>
    [SkippableFact]
    public void APushInterruptedByTheRegistryDyingCompletesNextTime()
    {
        fixture.SkipOffMain();
        var image = fixture.BigImage("fault/interrupted");
        var stopped = TimeSpan.Zero;
        var uploading = false;

        var first = fixture.Session.Run($"Push-DockerImage '{image}'", whileRunning: ps =>
        {
            var deadline = DateTime.UtcNow + Bound;
            while (!(uploading = Registry.UploadedBytes("fault/interrupted") > 0) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            Registry.Kill();
            Thread.Sleep(1000);
            var clock = Stopwatch.StartNew();
            ps.Stop();
            stopped = clock.Elapsed;
        });
        output.WriteLine($"stopped {stopped.TotalMilliseconds:0} ms after Stop(): {string.Join("; ", RunResult.Described(first.Errors))}");
        Assert.True(uploading, "the registry never received part of the layer");
        Assert.Equal("PipelineStopped", Assert.Single(first.Errors).FullyQualifiedErrorId);
        Assert.True(stopped < TimeSpan.FromSeconds(2), $"stopping the push took {stopped.TotalSeconds:0.0} s");
        Registry.Restart();

        var push = fixture.Session.Run($"Push-DockerImage '{image}'");
        Assert.Empty(RunResult.Described(push.Errors));
        var id = Engine.Cli("image", "inspect", "--format", "{{.Id}}", image).Trim();
        Engine.Cli("rmi", image);
        var pull = fixture.Session.Run($"Request-DockerImage '{image}'");
        Assert.Empty(RunResult.Described(pull.Errors));
        Assert.Equal(id, Engine.Cli("image", "inspect", "--format", "{{.Id}}", image).Trim());
    }

    [SkippableFact]
    public void APushFailsWhenTheEngineDiesDuringIt()
    {
        fixture.SkipOffMain();
        var image = fixture.BigImage("fault/pushed");

        var (result, _) = RunWithFault($"Push-DockerImage '{image}'", Engine.Kill, when: () => Registry.UploadedBytes("fault/pushed") > Midway);

        AssertConnectionLostThenRecovers(result);
    }

    [SkippableFact]
    public void APullFailsWhenTheEngineDiesDuringIt()
    {
        fixture.SkipOffMain();
        var image = fixture.BigImage("fault/pulled");
        Engine.Cli("push", image);
        Engine.Cli("rmi", image);

        var before = Engine.TemporaryBytes();

        var (result, _) = RunWithFault($"Request-DockerImage '{image}'", Engine.Kill, when: () => Engine.TemporaryBytes() > before + Midway);

        AssertConnectionLostThenRecovers(result);
    }
}

/// <summary>The fault suite's engine, registry and session (which reaches that engine), on the main leg only.</summary>
public sealed class FaultFixture : IDisposable
{
    private static readonly bool OnMainLeg = TestEnvironment.Leg == "main";

    public FaultFixture()
    {
        if (!OnMainLeg)
        {
            return;
        }
        Engine = new DisposableEngine();
        Registry = new DisposableRegistry();
        Session = new PowerShellSession();
        Session.Run($"$PSDefaultParameterValues['*-Docker*:DockerHost'] = '{Engine.Host}'");
    }

    public DisposableEngine? Engine { get; }

    public DisposableRegistry? Registry { get; }

    public PowerShellSession Session { get; } = null!;

    /// <summary>Brings back an engine or a registry a failed case left dead or frozen.</summary>
    public void Recover()
    {
        Engine?.Thaw();
        if (Engine is { Running: false })
        {
            Engine.Restart();
        }
        if (Registry is { Running: false })
        {
            Registry.Restart();
        }
    }

    public void SkipOffMain() => Skip.IfNot(OnMainLeg, $"the fault suite runs on the main leg only (this is {TestEnvironment.Leg})");

    /// <summary>An image of the registry's with a 200 MB layer of random bytes, made on the engine: long enough to upload or download to fault it midway.</summary>
    public string BigImage(string repository)
    {
        var name = $"{Registry!.Address}/{repository}:1";
        var container = Engine!.Cli("run", "-d", TestEnvironment.Image, "dd", "if=/dev/urandom", "of=/big", "bs=1M", "count=200").Trim();
        Engine.Cli("wait", container);
        Engine.Cli("commit", container, name);
        Engine.Cli("rm", container);
        return name;
    }

    public void Dispose()
    {
        Session?.Dispose();
        Registry?.Dispose();
        Engine?.Dispose();
    }
}
