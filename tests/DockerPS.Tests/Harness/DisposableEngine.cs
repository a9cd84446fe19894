using System.Diagnostics;
using System.Text.Json;

namespace DockerPS.Tests.Harness;

/// <summary>
/// A Docker 28 engine of the fault suite's own, to kill, freeze and restart: the dockerd tests/env/up.sh runs as the main
/// engine, started as up.sh starts it but with everything in a temporary folder (socket, data root, exec root with its
/// managed containerd, pidfile, log), a cgroup parent of its own, no default bridge and no firewall rules. It starts with
/// the test image, loaded from the main engine. Dispose stops it and all it started (containers by their cgroup, then
/// the daemon, then any containerd or shim still naming the folder, each by pid), unmounts what is left under the
/// folder and removes it.
/// </summary>
public sealed class DisposableEngine : IDisposable
{
    /// <summary>Short, so that the socket paths under it stay within the 108 bytes of a unix socket address.</summary>
    private readonly string _root = Directory.CreateTempSubdirectory("dpsf-").FullName;
    private readonly string _cgroupParent;
    private Process? _dockerd;

    public DisposableEngine()
    {
        _cgroupParent = "dockerps-fault-" + Path.GetFileName(_root);
        Start();
        Signals.Run(ignoreFailure: false, "/bin/sh", "-c", "\"$0\" -H \"$1\" save \"$3\" | \"$0\" -H \"$2\" load", DockerCli.Program, TestEnvironment.DockerHost, Host, TestEnvironment.Image);
    }

    public string Host => $"unix://{_root}/docker.sock";

    /// <summary>A folder of the test's own beside the engine's state, removed with it.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_root, "scratch", name)).FullName;

    /// <summary>
    /// The bytes in the engine's temporary folder (its data root's <c>tmp</c>, its TMPDIR): a build context or a pulled
    /// layer as it arrives.
    /// </summary>
    public long TemporaryBytes()
    {
        try
        {
            return Directory.GetFiles(Path.Combine(_root, "data", "tmp"), "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length);
        }
        catch (IOException)
        {
            // A file went while it was counted: count again next time.
            return 0;
        }
    }

    /// <summary>The docker CLI against this engine.</summary>
    public string Cli(params string[] args) => DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = Host }, args);

    /// <summary>Whether the daemon runs (it may be frozen).</summary>
    public bool Running => _dockerd is { HasExited: false };

    public void Kill() => Signals.Send(_dockerd!.Id, Signals.Kill);

    /// <summary>
    /// Stops the daemon (SIGSTOP) and waits until every thread of it has stopped: each stops when it next runs (one in a
    /// disk write, when that ends), and until all have, the daemon may still answer.
    /// </summary>
    public void Freeze()
    {
        Signals.Send(_dockerd!.Id, Signals.Stop);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Directory.GetDirectories($"/proc/{_dockerd.Id}/task").All(Signals.Stopped))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The fault suite's engine (pid {_dockerd.Id}) did not stop within 10 s of SIGSTOP.");
            }
            Thread.Sleep(5);
        }
    }

    public void Thaw() => Signals.Send(_dockerd!.Id, Signals.Continue);

    /// <summary>
    /// Starts the daemon again on the same state, after killing it if it still runs. Its containers' processes are
    /// killed first, as a reboot would, so that it does not spend their stop grace period (10 s for a shell) on coming back.
    /// </summary>
    public void Restart()
    {
        Stop(Signals.Kill);
        KillContainers();
        // Its containerd, if it outlived it, goes too: dockerd takes a containerd.pid naming a live process for its
        // containerd, and after a crash that pid may be another process's by now.
        KillOwnProcesses(process => process.Contains("containerd --config", StringComparison.Ordinal));
        File.Delete(Path.Combine(_root, "exec", "containerd", "containerd.pid"));
        Start();
    }

    /// <summary>Kills, by pid, the processes whose command line names this engine's folder and matches <paramref name="which"/>.</summary>
    private void KillOwnProcesses(Func<string, bool> which)
    {
        foreach (var pid in Directory.GetDirectories("/proc").Select(dir => Path.GetFileName(dir)).Where(name => name.All(char.IsAsciiDigit)).Select(int.Parse))
        {
            var commandLine = Signals.CommandLine(pid);
            if (commandLine.Contains(_root + "/", StringComparison.Ordinal) && which(commandLine))
            {
                Signals.Send(pid, Signals.Kill);
            }
        }
    }

    private void Start()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(DockerCli.Program)!, ".."));
        var dockerd = Path.Combine(root, "sbin", "dockerd");
        if (!File.Exists(dockerd))
        {
            throw new InvalidOperationException($"No dockerd beside {DockerCli.Program}: run tests/env/up.sh, which fetches Docker 28 there.");
        }
        // A pidfile left by a killed daemon names a pid that may be another process's by now: dockerd would refuse to start.
        File.Delete(Path.Combine(_root, "dockerd.pid"));
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = "/" };
        foreach (var arg in new[]
        {
            "-c", "exec \"$0\" \"$@\" >>\"$DPSF_LOG\" 2>&1", dockerd, "--host", Host, "--data-root", Path.Combine(_root, "data"),
            "--exec-root", Path.Combine(_root, "exec"), "--pidfile", Path.Combine(_root, "dockerd.pid"), "--cgroup-parent", _cgroupParent,
            "--init-path", "/usr/bin/docker-init", "--bridge", "none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
        })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DOCKER_HOST");
        start.Environment["PATH"] = $"{root}/bin:{root}/sbin:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["DPSF_LOG"] = Path.Combine(_root, "dockerd.log");
        _dockerd = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Answers())
        {
            if (_dockerd.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The fault suite's engine did not come up; see {start.Environment["DPSF_LOG"]}:\n{Tail()}");
            }
            Thread.Sleep(100);
        }
    }

    private bool Answers()
    {
        try
        {
            Cli("version", "--format", "{{.Server.Version}}");
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private string Tail() => string.Join('\n', File.ReadLines(Path.Combine(_root, "dockerd.log")).TakeLast(10));

    /// <summary>Stops the daemon with <paramref name="signal"/> (a frozen one thawed first, so that it can act on it), then with SIGKILL after 15 s.</summary>
    private void Stop(string signal)
    {
        if (_dockerd is null || _dockerd.HasExited)
        {
            return;
        }
        Signals.Send(_dockerd.Id, signal);
        Signals.Send(_dockerd.Id, Signals.Continue);
        if (!_dockerd.WaitForExit(15_000))
        {
            _dockerd.Kill();
            _dockerd.WaitForExit();
        }
    }

    /// <summary>The processes of this engine's containers, by the cgroups under its cgroup parent (v1: one per controller; v2: one).</summary>
    private void KillContainers()
    {
        foreach (var pid in CgroupFolders().SelectMany(Pids).Distinct())
        {
            Signals.Send(pid, Signals.Kill);
        }
    }

    /// <summary>The processes in a cgroup and those below it; a cgroup that goes meanwhile (its container ended) has none left.</summary>
    private static IEnumerable<int> Pids(string cgroup)
    {
        try
        {
            return Directory.GetFiles(cgroup, "cgroup.procs", SearchOption.AllDirectories).SelectMany(file =>
            {
                try
                {
                    return File.ReadAllLines(file).Select(int.Parse).ToArray();
                }
                catch (IOException)
                {
                    return [];
                }
            }).ToArray();
        }
        catch (IOException)
        {
            return [];
        }
    }

    private IEnumerable<string> CgroupFolders() =>
        new[] { "/sys/fs/cgroup" }.Concat(Directory.GetDirectories("/sys/fs/cgroup")).Select(dir => Path.Combine(dir, _cgroupParent)).Where(Directory.Exists);

    /// <summary>The address a task's bootstrap.json names; empty when its shim removed it meanwhile.</summary>
    private static string ShimAddress(string bootstrap)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(bootstrap)).RootElement.GetProperty("address").GetString() ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        // Containers first: a daemon stopping with none left running ends at once, and its shims exit with their tasks.
        KillContainers();
        Stop(Signals.Terminate);
        // What a killed daemon left: its containerd and shims, and their shim sockets (named in each task's bundle, in
        // containerd 2's bootstrap.json).
        var shimSockets = Directory.Exists(Path.Combine(_root, "exec"))
            ? Directory.GetFiles(Path.Combine(_root, "exec"), "bootstrap.json", SearchOption.AllDirectories).Select(ShimAddress).ToArray() : [];
        KillOwnProcesses(_ => true);
        KillContainers();
        foreach (var socket in shimSockets.Where(a => a.StartsWith("unix:///run/containerd/s/", StringComparison.Ordinal)))
        {
            File.Delete(socket["unix://".Length..].Trim());
        }
        Thread.Sleep(200);
        foreach (var mount in File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' ')[4])
            .Where(target => target.StartsWith(_root + "/", StringComparison.Ordinal)).OrderByDescending(target => target.Length))
        {
            Signals.Unmount(mount);
        }
        foreach (var dir in CgroupFolders().SelectMany(dir => Directory.GetDirectories(dir, "*", SearchOption.AllDirectories).Append(dir)).OrderByDescending(d => d.Length))
        {
            try
            {
                Directory.Delete(dir);
            }
            catch (IOException)
            {
            }
        }
        Directory.Delete(_root, recursive: true);
    }
}

/// <summary>Signals, command lines and unmounts by pid and path, for the fault suite's own processes (with kill and umount).</summary>
internal static class Signals
{
    public const string Kill = "KILL";
    public const string Terminate = "TERM";
    public const string Continue = "CONT";
    public const string Stop = "STOP";

    /// <summary>Sends <paramref name="signal"/>; a process already gone is no failure.</summary>
    public static void Send(int pid, string signal) => Run(ignoreFailure: true, "kill", "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Whether a thread (its /proc folder) is stopped by a signal; one that has gone is.</summary>
    public static bool Stopped(string task)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
        }
        catch (IOException)
        {
            return true;
        }
    }

    public static void Unmount(string path) => Run(ignoreFailure: true, "umount", "-l", path);

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Runs a program to its end (at most 120 s); fails on a non-zero exit unless told not to.</summary>
    public static void Run(bool ignoreFailure, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        if (process.ExitCode != 0 && !ignoreFailure)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
        }
    }
}
