using System.Diagnostics;

internal static class B17Compose
{
    /// <summary>
    /// B17: a project of <paramref name="services"/> services (one container each, stopping at once on SIGTERM) brought up
    /// on an engine with none of it, brought up again unchanged, and taken down: `Deploy-DockerCompose` /
    /// `Remove-DockerCompose` against the compose CLI's `up -d` / `down`, each sample on a project of its own (made or
    /// removed untimed by the CLI where the sample needs it). No raw floor: the point is the compose CLI, which makes the
    /// same calls.
    /// </summary>
    public static IEnumerable<Row> Run(BenchContext b, string composeCli, int services)
    {
        var folder = Directory.CreateTempSubdirectory("dockerps-b17-").FullName;
        var file = Path.Combine(folder, "compose.yaml");
        File.WriteAllText(file, "services:\n" + string.Concat(Enumerable.Range(1, services).Select(i =>
            $"  s{i}:\n    image: {b.Image}\n    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 600 & wait\"]\n    labels: {{{Bench.Label}: b17}}\n")));
        var count = 0;
        string Next() => $"b17-{Environment.ProcessId}-{++count}";
        string Compose(string project, string arguments) => Bench.Run(composeCli, $"-f {file} -p {project} {arguments}", ("DOCKER_HOST", b.Host));
        double Ours(string script)
        {
            var watch = Stopwatch.StartNew();
            Bench.Invoke(b.Runspace, script);
            return watch.Elapsed.TotalMilliseconds;
        }
        double Cli(string project, string arguments)
        {
            var watch = Stopwatch.StartNew();
            Compose(project, arguments);
            return watch.Elapsed.TotalMilliseconds;
        }
        var (warmups, iterations, budget) = (b.Smoke ? 0 : 1, b.Smoke ? 1 : 5, TimeSpan.FromSeconds(b.Smoke ? 60 : 240));
        try
        {
            var cold = Bench.Interleave(warmups, iterations, budget,
                () => { var p = Next(); var ms = Ours($"Deploy-DockerCompose -Path '{file}' -ProjectName {p}"); Compose(p, "down -t 0"); return ms; },
                () => { var p = Next(); var ms = Cli(p, "up -d"); Compose(p, "down -t 0"); return ms; });
            var again = Bench.Interleave(warmups, iterations, budget,
                () => { var p = Next(); Compose(p, "up -d"); Ours($"Deploy-DockerCompose -Path '{file}' -ProjectName {p}"); var ms = Ours($"Deploy-DockerCompose -Path '{file}' -ProjectName {p}"); Compose(p, "down -t 0"); return ms; },
                () => { var p = Next(); Compose(p, "up -d"); var ms = Cli(p, "up -d"); Compose(p, "down -t 0"); return ms; });
            var down = Bench.Interleave(warmups, iterations, budget,
                () => { var p = Next(); Compose(p, "up -d"); return Ours($"Remove-DockerCompose -ProjectName {p}"); },
                () => { var p = Next(); Compose(p, "up -d"); return Cli(p, "down"); });
            return
            [
                new Row("B17", $"up of a {services}-service project on an engine without it (`Deploy-DockerCompose`, `docker compose up -d`)", cold,
                    "≤ 1.0× docker compose up -d", cold.Ours.Median <= cold.Cli!.Median),
                new Row("B17", $"up again, nothing changed, {services} services (`Deploy-DockerCompose`, `docker compose up -d`)", again,
                    "≤ 1.0× docker compose up -d", again.Ours.Median <= again.Cli!.Median),
                new Row("B17", $"down of a {services}-service project (`Remove-DockerCompose`, `docker compose down`)", down,
                    "≤ 1.0× docker compose down", down.Ours.Median <= down.Cli!.Median),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
