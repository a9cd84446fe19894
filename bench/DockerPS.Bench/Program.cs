using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;

// DockerPS.Bench [--smoke] [--n100] [--only B1,B8] [--results DIR] — see bench/README.md. Times DockerPS, the docker CLI and the
// raw API floor per iteration, interleaved (A B C A B C …), after uncounted warm-ups, and prints one markdown table.
// The scenarios are B1Listing.cs … B17Compose.cs; the timing is Bench.cs, the table Report.cs.
var smoke = args.Contains("--smoke");
var lifecycleCount = smoke ? 3 : args.Contains("--n100") ? 100 : 20;
var resultsDir = args.SkipWhile(a => a != "--results").Skip(1).FirstOrDefault();
// --only runs the scenarios named (B2 needs B1's containers, so it brings B1 along); its table is not kept as latest.md.
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.ToUpperInvariant().Split(',');
bool Wants(params string[] ids) => only is null || ids.Any(only.Contains);
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

var b = new BenchContext(smoke, host, image, cli, manifest, runspace, raw, api);
var rows = new List<Row>();
try
{
    var b1Label = Bench.Label + "=b1";
    if (Wants("B1", "B2"))
    {
        rows.Add(await B1Listing.Run(b, b1Label));
    }
    if (Wants("B2"))
    {
        rows.Add(B2RemoteListing.Run(b, b1Label));
    }
    await raw.RemoveLabelled(api);

    if (Wants("B3"))
    {
        rows.Add(B3Lifecycle.Run(b, lifecycleCount, ["true"], smoke ? 1 : 5));
        rows.Add(B3Lifecycle.Run(b, smoke ? 1 : lifecycleCount, ["sleep", "60"], smoke ? 1 : 3));
        await raw.RemoveLabelled(api);
    }
    if (Wants("B4"))
    {
        rows.Add(await B4Build.Run(b, smoke ? 2_000 : 20_000, smoke ? 16L << 20 : 1L << 30));
    }
    if (Wants("B5"))
    {
        rows.Add(await B5Logs.Run(b, smoke ? 10_000 : 1_000_000));
        await raw.RemoveLabelled(api);
    }
    if (Wants("B6"))
    {
        rows.AddRange(await B6Copy.Run(b, smoke ? 8 : 256));
    }
    if (Wants("B7"))
    {
        rows.Add(B7Import.WarmEngine(b, coldImport.Elapsed, coldEmptyImport.Elapsed));
        rows.Add(B7Import.NewPwsh(b, smoke ? 3 : 10));
    }
    if (Wants("B8"))
    {
        rows.Add(B8BulkRemoval.Run(b, smoke ? 20 : 500));
    }
    if (Wants("B9"))
    {
        rows.Add(await B9Exec.Run(b));
        await raw.RemoveLabelled(api);
    }
    if (Wants("B10"))
    {
        rows.Add(B10Run.Run(b));
    }
    if (Wants("B11"))
    {
        foreach (var n in smoke ? new[] { 100, 200 } : [1000, 5000])
        {
            rows.Add(B11LargeListing.Run(b, n));
            await raw.RemoveLabelled(api);
        }
    }
    if (Wants("B12"))
    {
        rows.AddRange(await B12FanOut.Run(b, smoke ? [1, 2] : [1, 2, 4, 8]));
    }
    if (Wants("B13"))
    {
        rows.AddRange(await B13Transfer.Run(b, Environment.GetEnvironmentVariable("DOCKERPS_TEST_REGISTRY_OPEN") ?? "127.0.0.1:5101", smoke ? 8 : 200));
    }
    if (Wants("B14"))
    {
        rows.Add(await B14Stats.Run(b, smoke ? 5 : 20));
        await raw.RemoveLabelled(api);
    }
    if (Wants("B17"))
    {
        // The compose CLI tests/env/up.sh unpacks (env.sh names it).
        var composeCli = Environment.GetEnvironmentVariable("DOCKERPS_TEST_COMPOSE_CLI") ?? "/var/cache/dockerps/forky/root/usr/libexec/docker/cli-plugins/docker-compose";
        rows.AddRange(B17Compose.Run(b, composeCli, smoke ? 2 : 10));
        await raw.RemoveLabelled(api);
    }
    if (Wants("B15", "B16"))
    {
        // The test swarm's manager (tests/env/swarm.sh), which the bench's services run on.
        var manager = (Environment.GetEnvironmentVariable("DOCKERPS_TEST_SWARM_HOSTS") ?? "unix:///tmp/dockerps-env/swarm/node1/docker.sock").Split(',')[0];
        using var swarm = new RawClient(manager["unix://".Length..]);
        if (Wants("B15"))
        {
            rows.Add(B15Services.Create(b, manager, swarm));
        }
        if (Wants("B16"))
        {
            rows.AddRange(B15Services.List(b, manager, swarm, smoke ? 5 : 50));
        }
    }
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
    var name = $"{DateTime.UtcNow:yyyy-MM-dd}-{Environment.MachineName}{(smoke ? "-smoke" : only is null ? "" : "-" + string.Join('-', only))}.md";
    File.WriteAllText(Path.Combine(resultsDir, name), table);
    if (!smoke && only is null)
    {
        File.WriteAllText(Path.Combine(resultsDir, "latest.md"), table);
    }
    Console.Error.WriteLine($"bench: wrote {Path.Combine(resultsDir, name)}");
}
return 0;
