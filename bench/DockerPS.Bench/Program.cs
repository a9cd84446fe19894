using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

// DockerPS.Bench [--smoke] [--n100] [--results DIR] — see bench/README.md. Times DockerPS, the docker CLI and the
// raw API floor per iteration, interleaved (A B C A B C …), after uncounted warm-ups, and prints one markdown table.
var smoke = args.Contains("--smoke");
var lifecycleCount = smoke ? 3 : args.Contains("--n100") ? 100 : 20;
var resultsDir = args.SkipWhile(a => a != "--results").Skip(1).FirstOrDefault();
var host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///tmp/dockerps-env/docker.sock";
var socketPath = host.StartsWith("unix://", StringComparison.Ordinal) ? host["unix://".Length..] : throw new ArgumentException("DOCKER_HOST must be unix://");
var image = Environment.GetEnvironmentVariable("DOCKERPS_TEST_IMAGE") ?? "dockerps-test/busybox:latest";
var cli = File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "/usr/bin/docker";
var manifest = Bench.FindManifest();
Environment.SetEnvironmentVariable("DOCKER_HOST", host);
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();

using var raw = new RawClient(socketPath);
var api = "v" + (await raw.Json("GET", "/version")).GetProperty("ApiVersion").GetString();
await raw.RemoveLabelled(api);

// The warm engine: one runspace, the module imported once (its first import is reported as B7's cold number, after
// the first import of an empty module, which times PowerShell's own first-import cost in this process).
using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
var emptyModule = Path.Combine(Directory.CreateTempSubdirectory("dockerps-bench-").FullName, "Empty.psm1");
File.WriteAllText(emptyModule, "function Get-Nothing { }\n");
var coldEmptyImport = Stopwatch.StartNew();
Bench.Invoke(runspace, $"Import-Module '{emptyModule}' -ErrorAction Stop");
coldEmptyImport.Stop();
Directory.Delete(Path.GetDirectoryName(emptyModule)!, recursive: true);
var coldImport = Stopwatch.StartNew();
Bench.Invoke(runspace, $"Import-Module '{manifest}' -ErrorAction Stop");
coldImport.Stop();
var moduleVersion = Bench.Invoke(runspace, "(Get-Module DockerPS).Version.ToString()").Single().ToString();

var rows = new List<Row>();
try
{
    // B1: per-call listing of 50 labelled containers.
    var b1Label = Bench.Label + "=b1";
    for (var i = 0; i < 50; i++)
    {
        await raw.Create(api, image, ["true"], "b1");
    }
    var b1Filter = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [b1Label] }));
    var b1Iterations = smoke ? 5 : 200;
    var b1 = Bench.Interleave(smoke ? 2 : 20, b1Iterations, TimeSpan.FromSeconds(smoke ? 10 : 120),
        () => Bench.Expect(50, Bench.Invoke(runspace, $"Get-DockerContainer -Label {b1Label}").Count),
        () => Bench.Expect(51, Bench.Run(cli, $"-H {host} ps -a --filter label={b1Label}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
        () => Bench.Expect(50, raw.Json("GET", $"/{api}/containers/json?all=1&filters={b1Filter}").Result.GetArrayLength()));
    rows.Add(new Row("B1", "warm Get-DockerContainer, 50 containers, per call", b1, "≤ 3× raw; ≥ 10× faster than docker ps -a",
        b1.Ours.Median <= 3 * b1.Raw!.Median && b1.Cli!.Median >= 10 * b1.Ours.Median));

    rows.Add(RemoteListing(b1Label));
    await raw.RemoveLabelled(api);

    // B3: create+start+stop+remove N containers; one sample is the whole batch. `true` has exited before the stop
    // (the engine answers 304), so it times our pipeline; `sleep 60` with a zero stop timeout times a real kill.
    rows.Add(Lifecycle(lifecycleCount, ["true"], smoke ? 1 : 5));
    rows.Add(Lifecycle(smoke ? 1 : lifecycleCount, ["sleep", "60"], smoke ? 1 : 3));
    await raw.RemoveLabelled(api);

    rows.Add(await Build(smoke ? 2_000 : 20_000, smoke ? 16L << 20 : 1L << 30));

    // B5: one container's log of N lines, read to the end and thrown away by each contender.
    var lines = smoke ? 10_000 : 1_000_000;
    var logged = await raw.Create(api, image, ["seq", "1", lines.ToString(CultureInfo.InvariantCulture)], "b5");
    await raw.Send("POST", $"/{api}/containers/{logged}/start");
    await raw.Send("POST", $"/{api}/containers/{logged}/wait");
    var b5Memory = new MemoryProbe();
    var b5 = Bench.Interleave(1, smoke ? 1 : 3, TimeSpan.FromSeconds(smoke ? 10 : 120),
        () => b5Memory.Measure(() => Bench.Invoke(runspace, $"Get-DockerContainerLog {logged} | Out-Null")),
        () => Bench.Run("/bin/sh", $"-c \"{cli} -H {host} logs {logged} >/dev/null\""),
        () => raw.Drain($"/{api}/containers/{logged}/logs?stdout=1&stderr=1").Result);
    rows.Add(new Row("B5", $"read {lines:N0} log lines to the end (`Get-DockerContainerLog c \\| Out-Null`, `docker logs c >/dev/null`, raw bytes)", b5,
        "≥ 0.5× docker logs throughput; flat memory", b5.Cli!.Median >= 0.5 * b5.Ours.Median && b5Memory.PeakGrowthMiB <= Bench.FlatMiB, b5Memory));
    await raw.RemoveLabelled(api);
    rows.AddRange(await Copy(smoke ? 8 : 256));

    // B7: Import-Module in a fresh runspace of the already-warm engine; opening the runspace is not timed.
    var b7 = Bench.Interleave(smoke ? 1 : 3, smoke ? 3 : 20, TimeSpan.FromSeconds(smoke ? 10 : 60), () =>
    {
        using var fresh = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        fresh.Open();
        var watch = Stopwatch.StartNew();
        Bench.Invoke(fresh, $"Import-Module '{manifest}' -ErrorAction Stop");
        return watch.Elapsed.TotalMilliseconds;
    });
    rows.Add(new Row("B7", $"Import-Module, fresh runspace in a warm engine (first import in this process: {coldImport.Elapsed.TotalMilliseconds:F0} ms, after {coldEmptyImport.Elapsed.TotalMilliseconds:F0} ms for the first import of an empty module)", b7,
        "≤ 250 ms", b7.Ours.Median <= 250));
    rows.Add(FirstCall(smoke ? 3 : 10));
}
finally
{
    await raw.RemoveLabelled(api);
}

var engine = await raw.Json("GET", "/version");
var facts = new[]
{
    $"date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; mode: {(smoke ? "smoke" : "full")}",
    $"machine: {Environment.MachineName}, {Bench.CpuModel()} × {Environment.ProcessorCount}, {RuntimeInformation.OSDescription}",
    $"load average before / after: {loadBefore} / {File.ReadAllText("/proc/loadavg").Trim()}",
    $"DockerPS {moduleVersion}; PowerShell (System.Management.Automation) {typeof(PSObject).Assembly.GetName().Version}; .NET {Environment.Version}",
    $"engine {engine.GetProperty("Version").GetString()} (API {engine.GetProperty("ApiVersion").GetString()}) at {host}; CLI {Bench.Run(cli, "--version").Trim()} ({cli})",
    $"bench process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB",
};
var table = Row.Markdown(rows, facts);
Console.WriteLine(table);
if (resultsDir is not null)
{
    Directory.CreateDirectory(resultsDir);
    var name = $"{DateTime.UtcNow:yyyy-MM-dd}-{Environment.MachineName}{(smoke ? "-smoke" : "")}.md";
    File.WriteAllText(Path.Combine(resultsDir, name), table);
    if (!smoke)
    {
        File.WriteAllText(Path.Combine(resultsDir, "latest.md"), table);
    }
    Console.Error.WriteLine($"bench: wrote {Path.Combine(resultsDir, name)}");
}
return 0;

// B7, cold: a new pwsh (the dotnet tool this checkout pins) imports the module and lists containers twice, timed inside
// pwsh (its own start-up is not ours); the figure is import + first call, the target the first call against the second.
// The CLI column is a new `docker ps -a` process, start-up included.
Row FirstCall(int iterations)
{
    var script = Path.Combine(Directory.CreateTempSubdirectory("dockerps-bench-").FullName, "FirstCall.ps1");
    File.WriteAllText(script, """
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Import-Module $args[0] -ErrorAction Stop
        $import = $clock.Elapsed.TotalMilliseconds; $clock.Restart()
        $null = Get-DockerContainer
        $first = $clock.Elapsed.TotalMilliseconds; $clock.Restart()
        $null = Get-DockerContainer
        "$import $first $($clock.Elapsed.TotalMilliseconds)"
        """);
    var firstCalls = new List<double>();
    var warmCalls = new List<double>();
    var cold = Bench.Interleave(0, iterations, TimeSpan.FromSeconds(120),
        () =>
        {
            var ms = Bench.Run("dotnet", $"pwsh -NoProfile -NonInteractive -File {script} {manifest}")
                .Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            firstCalls.Add(ms[1]);
            warmCalls.Add(ms[2]);
            return ms[0] + ms[1];
        },
        () => Bench.Run(cli, $"-H {host} ps -a"));
    Directory.Delete(Path.GetDirectoryName(script)!, recursive: true);
    var (first, warm) = (new Samples(firstCalls), new Samples(warmCalls));
    return new Row("B7", $"Import-Module + first Get-DockerContainer in a new pwsh (first call alone {first}, the second {warm}; median / p90)",
        cold, "first call ≤ second + 100 ms", first.Median <= warm.Median + 100);
}

Row Lifecycle(int n, string[] command, int iterations)
{
    var b3Script = $"1..{n} | ForEach-Object {{ '{image}' }} | New-DockerContainer -Command {string.Join(", ", command)} -Label @{{ '{Bench.Label}' = 'b3' }} | " +
                   "Start-DockerContainer -PassThru | Stop-DockerContainer -Timeout 0 -PassThru | Remove-DockerContainer -Confirm:$false";
    var b3 = Bench.Interleave(smoke ? 0 : 1, iterations, TimeSpan.FromSeconds(smoke ? 20 : 300),
        () => Bench.Invoke(runspace, b3Script),
        () =>
        {
            for (var i = 0; i < n; i++)
            {
                var id = Bench.Run(cli, $"-H {host} create --label {Bench.Label}=b3 {image} {string.Join(' ', command)}").Trim();
                Bench.Run(cli, $"-H {host} start {id}");
                Bench.Run(cli, $"-H {host} stop -t 0 {id}");
                Bench.Run(cli, $"-H {host} rm {id}");
            }
            return 0;
        },
        () =>
        {
            for (var i = 0; i < n; i++)
            {
                var id = raw.Create(api, image, command, "b3").Result;
                raw.Send("POST", $"/{api}/containers/{id}/start").Wait();
                raw.Send("POST", $"/{api}/containers/{id}/stop?t=0").Wait();
                raw.Send("DELETE", $"/{api}/containers/{id}").Wait();
            }
            return 0;
        });
    return new Row("B3", $"create+start+stop+remove {n} containers running `{string.Join(' ', command)}` (pipeline vs sequential raw vs CLI loop), per batch", b3,
        "≤ 1.2× raw (sequential); CLI loop stated", b3.Ours.Median <= 1.2 * b3.Raw!.Median);
}

// B2: B1's listing over ssh:// to the test sshd (tests/env/up.sh), with its client HOME (~/.ssh/config alias, key,
// known_hosts). The docker CLI's ssh gets the same files through a wrapper, since ssh reads ~ from the passwd entry.
// The third contender is local DockerPS (the target's comparator), in the raw column.
Row RemoteListing(string label)
{
    const string scenario = "the same over ssh:// to the loopback sshd (raw column: local DockerPS)";
    const string target = "≤ 3× local DockerPS; ≥ 100× faster than docker -H ssh://… ps -a";
    var legFile = Path.Combine(Environment.GetEnvironmentVariable("DOCKERPS_ENV") ?? "/tmp/dockerps-env", "legs", "ssh.env");
    if (!File.Exists(legFile))
    {
        return Row.Pending("B2", scenario, $"pending: {legFile} missing (run tests/env/up.sh)", target);
    }
    var leg = File.ReadAllLines(legFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
    var sshHost = leg["DOCKER_HOST"];
    var dotSsh = Path.Combine(leg["HOME"], ".ssh");
    var wrapper = Directory.CreateTempSubdirectory("dockerps-bench-ssh-").FullName;
    File.WriteAllText(Path.Combine(wrapper, "ssh"),
        $"#!/bin/sh\nexec /usr/bin/ssh -F {dotSsh}/config -i {dotSsh}/id_ed25519 -o UserKnownHostsFile={dotSsh}/known_hosts \"$@\"\n");
    Bench.Run("/bin/chmod", $"+x {wrapper}/ssh");
    var cliPath = $"{wrapper}:{Environment.GetEnvironmentVariable("PATH")}";
    var home = Environment.GetEnvironmentVariable("HOME");
    Environment.SetEnvironmentVariable("HOME", leg["HOME"]);
    try
    {
        var b2 = Bench.Interleave(smoke ? 1 : 5, smoke ? 3 : 50, TimeSpan.FromSeconds(smoke ? 20 : 90),
            () => Bench.Expect(50, Bench.Invoke(runspace, $"Get-DockerContainer -DockerHost {sshHost} -Label {label}").Count),
            () => Bench.Expect(51, Bench.Run(cli, $"-H {sshHost} ps -a --filter label={label}", ("PATH", cliPath)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
            () => Bench.Expect(50, Bench.Invoke(runspace, $"Get-DockerContainer -Label {label}").Count));
        return new Row("B2", scenario, b2, target, b2.Ours.Median <= 3 * b2.Raw!.Median && b2.Cli!.Median >= 100 * b2.Ours.Median);
    }
    finally
    {
        Environment.SetEnvironmentVariable("HOME", home);
        Directory.Delete(wrapper, recursive: true);
    }
}

// B4: a build context of `files` files holding `bytes` in all, a quarter of them ignored: half of those in a folder the
// .dockerignore excludes whole (node_modules/, which a client may skip without walking), half as *.log files among the
// kept ones. The Dockerfile only labels the base image, so each build times the upload and the engine's unpacking of
// the context, not layer writes. The raw floor streams a tar of the same kept files (System.Formats.Tar, as DockerPS).
async Task<Row> Build(int files, long bytes)
{
    var context = Directory.CreateTempSubdirectory("dockerps-bench-b4-").FullName;
    var size = (int)(bytes / files);
    var data = new byte[size];
    for (var i = 0; i < files; i++)
    {
        var ignored = i % 4 == 0;
        var dir = Path.Combine(context, ignored && i % 8 == 0 ? "node_modules" : "src", $"d{i % 100:D2}");
        Directory.CreateDirectory(dir);
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(Path.Combine(dir, $"f{i:D5}.{(ignored && i % 8 != 0 ? "log" : "bin")}"), data);
    }
    File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {image}\nLABEL dockerps.bench=b4\n");
    File.WriteAllText(Path.Combine(context, ".dockerignore"), "node_modules\n**/*.log\n");
    var tag = "dockerps-bench/b4:latest";
    try
    {
        var memory = new MemoryProbe();
        var b4 = Bench.Interleave(smoke ? 0 : 1, smoke ? 1 : 5, TimeSpan.FromSeconds(smoke ? 30 : 300),
            () => memory.Measure(() => Bench.Invoke(runspace, $"Invoke-DockerBuild -Path '{context}' -Tag {tag}")),
            () => Bench.Run(cli, $"-H {host} build -q -t {tag} {context}", ("DOCKER_BUILDKIT", "0")),
            () => raw.Build(api, context, tag, path => !path.StartsWith("node_modules", StringComparison.Ordinal) && !path.EndsWith(".log", StringComparison.Ordinal)).Result);
        return new Row("B4", $"build context of {bytes >> 20} MiB in {files:N0} files, {files / 4:N0} ignored (`Invoke-DockerBuild`, `DOCKER_BUILDKIT=0 docker build`, raw tar upload to /build)", b4,
            "peak memory growth ≤ 64 MiB; ≤ 1.1× DOCKER_BUILDKIT=0 docker build", memory.PeakGrowthMiB <= Bench.FlatMiB && b4.Ours.Median <= 1.1 * b4.Cli!.Median, memory);
    }
    finally
    {
        Directory.Delete(context, recursive: true);
        await raw.Send("DELETE", $"/{api}/images/{Uri.EscapeDataString(tag)}?force=1");
    }
}

// B6: a tree of `mib` 1 MiB files in 16 folders copied into a container and back out, one row per direction.
// Each contender times only its copy (cleaning the previous destination is not counted).
async Task<Row[]> Copy(int mib)
{
    var work = Directory.CreateTempSubdirectory("dockerps-bench-b6-").FullName;
    var source = Path.Combine(work, "b6");
    var data = new byte[1 << 20];
    for (var i = 0; i < mib; i++)
    {
        Random.Shared.NextBytes(data);
        var dir = Path.Combine(source, $"d{i % 16:D2}");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, $"f{i:D4}.bin"), data);
    }
    var container = await raw.Create(api, image, ["sleep", "3600"], "b6");
    await raw.Send("POST", $"/{api}/containers/{container}/start");
    try
    {
        var local = Path.Combine(work, "out");
        double Timed(Action before, Action copy)
        {
            before();
            var watch = Stopwatch.StartNew();
            copy();
            return watch.Elapsed.TotalMilliseconds;
        }
        void ClearInside() => raw.Exec(api, container, ["rm", "-rf", "/b6"]).Wait();
        void ClearLocal() { if (Directory.Exists(local)) { Directory.Delete(local, recursive: true); } }
        var iterations = smoke ? 1 : 5;
        var budget = TimeSpan.FromSeconds(smoke ? 20 : 240);
        var inMemory = new MemoryProbe();
        var into = Bench.Interleave(1, iterations, budget,
            () => Timed(ClearInside, () => inMemory.Measure(() => Bench.Invoke(runspace, $"Copy-DockerItem '{source}' '{container}:/b6'"))),
            () => Timed(ClearInside, () => Bench.Run(cli, $"-H {host} cp {source} {container}:/b6")),
            () => Timed(ClearInside, () => raw.PutArchive(api, container, source, "/").Wait()));
        var outMemory = new MemoryProbe();
        var outOf = Bench.Interleave(1, iterations, budget,
            () => Timed(ClearLocal, () => outMemory.Measure(() => Bench.Invoke(runspace, $"Copy-DockerItem '{container}:/b6' '{local}'"))),
            () => Timed(ClearLocal, () => Bench.Run(cli, $"-H {host} cp {container}:/b6 {local}")),
            () => Timed(ClearLocal, () => raw.GetArchive(api, container, "/b6", local).Wait()));
        return
        [
            new Row("B6", $"copy a {mib} MiB tree ({mib} files of 1 MiB, {Math.Min(16, mib)} folders) into a container (`Copy-DockerItem`, `docker cp`, raw tar upload)", into,
                "≤ 1.2× docker cp", into.Ours.Median <= 1.2 * into.Cli!.Median, inMemory),
            new Row("B6", $"copy the same tree out of the container (`Copy-DockerItem`, `docker cp`, raw tar download extracted)", outOf,
                "≤ 1.2× docker cp", outOf.Ours.Median <= 1.2 * outOf.Cli!.Median, outMemory),
        ];
    }
    finally
    {
        await raw.Send("DELETE", $"/{api}/containers/{container}?force=1");
        Directory.Delete(work, recursive: true);
    }
}

/// <summary>Milliseconds per sample of one contender, kept in the order measured.</summary>
internal sealed record Samples(List<double> Ms)
{
    public double Median => Percentile(0.5);
    public double P90 => Percentile(0.9);

    private double Percentile(double p)
    {
        var sorted = Ms.Order().ToArray();
        return sorted[(int)Math.Ceiling(p * sorted.Length) - 1];
    }

    public override string ToString() => $"{Format(Median)} / {Format(P90)}";

    public static string Format(double ms) => ms >= 100 ? ms.ToString("F0", CultureInfo.InvariantCulture) + " ms" : ms.ToString("F2", CultureInfo.InvariantCulture) + " ms";
}

internal sealed record Result(Samples Ours, Samples? Cli, Samples? Raw);

internal sealed record Row(string Id, string Scenario, Result? Result, string Target, bool? Met, MemoryProbe? Memory = null, string? Note = null)
{
    public static Row Pending(string id, string scenario, string note, string target) => new(id, scenario, null, target, null, Note: note);

    public static string Markdown(List<Row> rows, IEnumerable<string> facts)
    {
        var text = new StringBuilder();
        text.AppendLine("| # | scenario | DockerPS median / p90 | docker CLI median / p90 | raw API median / p90 | DockerPS ÷ raw | CLI ÷ DockerPS | CLI ÷ raw | DockerPS peak memory growth | samples | target | met |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            if (row.Result is not { } r)
            {
                text.AppendLine($"| {row.Id} | {row.Scenario} | {row.Note} | | | | | | | | {row.Target} | — |");
                continue;
            }
            var ratioRaw = r.Raw is null ? "—" : (r.Ours.Median / r.Raw.Median).ToString("F2", CultureInfo.InvariantCulture) + "×";
            var ratioCli = r.Cli is null ? "—" : (r.Cli.Median / r.Ours.Median).ToString("F1", CultureInfo.InvariantCulture) + "×";
            // The CLI's distance from the floor bounds how far ahead of the CLI DockerPS can ever be.
            var cliRaw = r.Cli is null || r.Raw is null ? "—" : (r.Cli.Median / r.Raw.Median).ToString("F1", CultureInfo.InvariantCulture) + "×";
            text.AppendLine($"| {row.Id} | {row.Scenario} | {r.Ours} | {(object?)r.Cli ?? "—"} | {(object?)r.Raw ?? "—"} | {ratioRaw} | {ratioCli} | {cliRaw} | {(row.Memory is null ? "—" : $"{row.Memory.PeakGrowthMiB:F0} MiB")} | {r.Ours.Ms.Count} | {row.Target} | {(row.Met == true ? "met" : "not met")} |");
        }
        text.AppendLine();
        foreach (var fact in facts)
        {
            text.AppendLine("- " + fact);
        }
        return text.ToString();
    }
}

internal static class Bench
{
    public const string Label = "dockerps.bench";

    /// <summary>Peak working-set growth up to which a streaming scenario counts as flat (B4's budget).</summary>
    public const double FlatMiB = 64;

    /// <summary>
    /// Runs the contenders in turn (A B C A B C …) so drift hits all alike: warm-up rounds first, then timed rounds
    /// until the count or the time budget runs out (at least one timed round). A contender returning a positive
    /// double reports its own sample in ms (B7 times only the import, not the runspace it needs).
    /// </summary>
    public static Result Interleave(int warmups, int iterations, TimeSpan budget, params Func<object>[] contenders)
    {
        for (var i = 0; i < warmups; i++)
        {
            foreach (var contender in contenders)
            {
                contender();
            }
        }
        var samples = contenders.Select(_ => new List<double>()).ToArray();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations && (i == 0 || clock.Elapsed < budget); i++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var watch = Stopwatch.StartNew();
                var value = contenders[c]();
                samples[c].Add(value is double ms ? ms : watch.Elapsed.TotalMilliseconds);
            }
        }
        return new Result(new Samples(samples[0]), samples.Length > 1 ? new Samples(samples[1]) : null, samples.Length > 2 ? new Samples(samples[2]) : null);
    }

    public static List<PSObject> Invoke(Runspace runspace, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var output = ps.AddScript(script).Invoke().ToList();
        if (ps.HadErrors)
        {
            throw new InvalidOperationException($"{script}: {string.Join("; ", ps.Streams.Error)}");
        }
        return output;
    }

    public static string Run(string file, string arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{file} {arguments}: {stderr}");
    }

    public static int Expect(int expected, int actual) =>
        actual == expected ? actual : throw new InvalidOperationException($"expected {expected} results, got {actual}");

    public static string FindManifest()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var manifest = Path.Combine(dir.FullName, "out", "DockerPS", "DockerPS.psd1");
            if (File.Exists(manifest))
            {
                return manifest;
            }
        }
        throw new FileNotFoundException("out/DockerPS/DockerPS.psd1 not found: build the module first (dotnet build src/DockerPS -c Release).");
    }

    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
}

/// <summary>
/// The largest growth of this process's working set over the runs it measures, sampled every 10 ms against the
/// working set just before each run (after a full collection): DockerPS runs in this process, so its buffers show here.
/// </summary>
internal sealed class MemoryProbe
{
    private long _peakGrowth;

    public double PeakGrowthMiB => _peakGrowth / (1024.0 * 1024);

    public T Measure<T>(Func<T> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var baseline = self.WorkingSet64;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                self.Refresh();
                _peakGrowth = Math.Max(_peakGrowth, self.WorkingSet64 - baseline);
                await Task.Delay(10, CancellationToken.None);
            }
        });
        try
        {
            return run();
        }
        finally
        {
            done.Cancel();
            sampler.Wait();
        }
    }
}

/// <summary>The raw floor: a bare HttpClient whose one kept-alive connection is the engine's unix socket.</summary>
internal sealed class RawClient(string socketPath) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
    })
    { BaseAddress = new Uri("http://docker") };

    public async Task<string> Send(string method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // 304: already stopped or started, as the CLI and DockerPS also accept.
        return response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotModified ? text : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    /// <summary>Reads a response body to its end without keeping it; returns 0 so the bench times it.</summary>
    public async Task<int> Drain(string path)
    {
        using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
        return 0;
    }

    /// <summary>Uploads a folder, itself included, into a container folder as a tar written straight into the request body.</summary>
    public async Task PutArchive(string api, string container, string folder, string destination)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/{api}/containers/{container}/archive?path={Uri.EscapeDataString(destination)}")
        {
            Content = new TarContent(folder),
        };
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Downloads a container path as a tar and extracts it as it arrives.</summary>
    public async Task GetArchive(string api, string container, string path, string destination)
    {
        using var response = await _http.GetAsync($"/{api}/containers/{container}/archive?path={Uri.EscapeDataString(path)}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync();
        Directory.CreateDirectory(destination);
        await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(body, destination, overwriteFiles: true);
    }

    /// <summary>
    /// Builds a context folder through POST /build, the tar of the files <paramref name="keep"/> selects (by
    /// slash-separated relative path) written straight into the request body; reads the JSON stream to its end and
    /// fails on an error message. Returns 0 so the bench times it.
    /// </summary>
    public async Task<int> Build(string api, string context, string tag, Func<string, bool> keep)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/{api}/build?t={Uri.EscapeDataString(tag)}&rm=1")
        {
            Content = new BuildContextContent(context, keep),
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        return stream.Contains("\"errorDetail\"", StringComparison.Ordinal) ? throw new InvalidOperationException($"raw build: {stream}") : 0;
    }

    private sealed class BuildContextContent : HttpContent
    {
        private readonly string _context;
        private readonly Func<string, bool> _keep;

        public BuildContextContent(string context, Func<string, bool> keep)
        {
            (_context, _keep) = (context, keep);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? transport)
        {
            await using var writer = new System.Formats.Tar.TarWriter(stream, leaveOpen: true);
            foreach (var file in Directory.EnumerateFiles(_context, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(_context, file);
                if (_keep(name))
                {
                    await writer.WriteEntryAsync(file, name);
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Runs a command in a container and waits for it to end.</summary>
    public async Task Exec(string api, string container, string[] command)
    {
        var exec = await Json("POST", $"/{api}/containers/{container}/exec", new { Cmd = command });
        await Send("POST", $"/{api}/exec/{exec.GetProperty("Id").GetString()}/start", new { Detach = false });
    }

    private sealed class TarContent(string folder) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            System.Formats.Tar.TarFile.CreateFromDirectoryAsync(folder, stream, includeBaseDirectory: true);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    public async Task<JsonElement> Json(string method, string path, object? body = null) => JsonDocument.Parse(await Send(method, path, body)).RootElement;

    public async Task<string> Create(string api, string image, string[] cmd, string label)
    {
        var body = new { Image = image, Cmd = cmd, Labels = new Dictionary<string, string> { [Bench.Label] = label } };
        return JsonDocument.Parse(await Send("POST", $"/{api}/containers/create", body)).RootElement.GetProperty("Id").GetString()!;
    }

    public async Task RemoveLabelled(string api)
    {
        var filter = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [Bench.Label] }));
        foreach (var container in (await Json("GET", $"/{api}/containers/json?all=1&filters={filter}")).EnumerateArray())
        {
            await Send("DELETE", $"/{api}/containers/{container.GetProperty("Id").GetString()}?force=1");
        }
    }

    public void Dispose() => _http.Dispose();
}
