using System.Diagnostics;

internal static class B15Services
{
    /// <summary>
    /// B15: a service of 3 replicas created and waited for until it has converged (its tasks running, then watched 1 s, the
    /// same update monitor for all): `New-DockerService`, `docker service create --detach=false`, and the raw floor
    /// (create, then poll the tasks every 100 ms until 3 run, then the 1 s). Each sample removes its service untimed.
    /// </summary>
    public static Row Create(BenchContext b, string manager, RawClient swarm)
    {
        var count = 0;
        string Next() => $"b15-{Environment.ProcessId}-{++count}";
        double Timed(Func<string, string> create)
        {
            var name = Next();
            var watch = Stopwatch.StartNew();
            var id = create(name);
            watch.Stop();
            swarm.Send("DELETE", $"/{b.Api}/services/{id}").Wait();
            return watch.Elapsed.TotalMilliseconds;
        }
        var flags = $"--replicas 3 --stop-grace-period 1s --update-monitor 1s --label {Bench.Label}=b15";
        var b15 = Bench.Interleave(b.Smoke ? 0 : 1, b.Smoke ? 1 : 10, TimeSpan.FromSeconds(b.Smoke ? 30 : 180),
            () => Timed(name => (string)Bench.Invoke(b.Runspace,
                $"(New-DockerService {b.Image} -Name {name} -Replicas 3 -StopGracePeriod 1s -UpdateMonitor 1s -Label @{{ '{Bench.Label}' = 'b15' }} -DockerHost {manager} -Command sleep, 600).Id").Single().BaseObject),
            // --no-resolve-image: the nodes pull from no registry, and DockerPS does not ask one for the digest either.
            () => Timed(name => Bench.Run(b.Cli, $"-H {manager} service create --detach=false --no-resolve-image -q --name {name} {flags} {b.Image} sleep 600").Trim()),
            () => Timed(name =>
            {
                var id = swarm.Json("POST", $"/{b.Api}/services/create", Spec(b.Image, name)).Result.GetProperty("ID").GetString()!;
                var filter = Uri.EscapeDataString($"{{\"service\":{{\"{id}\":true}},\"desired-state\":{{\"running\":true}}}}");
                while (swarm.Json("GET", $"/{b.Api}/tasks?filters={filter}").Result.EnumerateArray()
                    .Count(t => t.GetProperty("Status").GetProperty("State").GetString() == "running") < 3)
                {
                    Thread.Sleep(100);
                }
                Thread.Sleep(1000);
                return id;
            }));
        return new Row("B15", "create a service of 3 replicas and wait until it has converged (`New-DockerService`, `docker service create --detach=false`, raw create + task polls)",
            b15, "≤ 1.0× docker service create --detach=false", b15.Ours.Median <= b15.Cli!.Median);
    }

    /// <summary>
    /// B16: with <paramref name="n"/> services of one replica each: `Get-DockerService` against `docker service ls` and one
    /// GET of the services with their status; then the tasks of all of them, `Get-DockerServiceTask` of the names against
    /// `docker service ps` of the names and one GET of the tasks.
    /// </summary>
    public static IEnumerable<Row> List(BenchContext b, string manager, RawClient swarm, int n)
    {
        var names = Enumerable.Range(1, n).Select(i => $"b16-{Environment.ProcessId}-{i}").ToArray();
        foreach (var name in names)
        {
            swarm.Send("POST", $"/{b.Api}/services/create", Spec(b.Image, name)).Wait();
        }
        b.Runspace.SessionStateProxy.SetVariable("b16", names);
        var filter = Uri.EscapeDataString($"{{\"label\":{{\"{Bench.Label}=b16\":true}}}}");
        var list = Bench.Interleave(b.Smoke ? 1 : 3, b.Smoke ? 3 : 30, TimeSpan.FromSeconds(b.Smoke ? 20 : 90),
            () => Bench.Expect(n, Bench.Invoke(b.Runspace, $"Get-DockerService -Label {Bench.Label}=b16 -DockerHost {manager}").Count),
            () => Bench.Expect(n, Bench.Run(b.Cli, $"-H {manager} service ls --filter label={Bench.Label}=b16 -q").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
            () => Bench.Expect(n, swarm.Json("GET", $"/{b.Api}/services?status=true&filters={filter}").Result.GetArrayLength()));
        var serviceFilter = Uri.EscapeDataString("{\"service\":{" + string.Join(',', names.Select(name => $"\"{name}\":true")) + "}}");
        var tasks = Bench.Interleave(b.Smoke ? 1 : 3, b.Smoke ? 3 : 30, TimeSpan.FromSeconds(b.Smoke ? 20 : 90),
            () => Bench.Invoke(b.Runspace, $"Get-DockerServiceTask $b16 -DockerHost {manager}").Count,
            () => Bench.Run(b.Cli, $"-H {manager} service ps -q {string.Join(' ', names)}").Length,
            () => swarm.Json("GET", $"/{b.Api}/tasks?filters={serviceFilter}").Result.GetArrayLength());
        foreach (var name in names)
        {
            swarm.Send("DELETE", $"/{b.Api}/services/{name}").Wait();
        }
        return
        [
            new Row("B16", $"list {n} services with their task counts (`Get-DockerService`, `docker service ls`, one GET)", list,
                "≤ 1.0× docker service ls", list.Ours.Median <= list.Cli!.Median),
            new Row("B16", $"the tasks of {n} services by name (`Get-DockerServiceTask`, `docker service ps`, one GET)", tasks,
                "≤ 1.0× docker service ps", tasks.Ours.Median <= tasks.Cli!.Median),
        ];
    }

    /// <summary>A 3-replica service (one replica for B16's names) of the bench image, stopping in 1 s, watched 1 s after updates.</summary>
    private static object Spec(string image, string name) => new
    {
        Name = name,
        Labels = new Dictionary<string, string> { [Bench.Label] = name.StartsWith("b16", StringComparison.Ordinal) ? "b16" : "b15" },
        TaskTemplate = new { ContainerSpec = new { Image = image, Args = new[] { "sleep", "600" }, StopGracePeriod = 1_000_000_000L } },
        Mode = new { Replicated = new { Replicas = name.StartsWith("b16", StringComparison.Ordinal) ? 1 : 3 } },
        UpdateConfig = new { Monitor = 1_000_000_000L },
    };
}
