using System.Text.Json;

internal static class B11LargeListing
{
    /// <summary>
    /// B11: listing <paramref name="n"/> containers per call (DockerPS, `docker ps -a`, raw GET + JSON parse), and what
    /// each listed container keeps in memory while the list is held (`$list = Get-DockerContainer`, against the raw
    /// parsed JSON document), measured as managed heap growth after full collections.
    /// </summary>
    public static Row Run(BenchContext b, int n)
    {
        var label = $"{Bench.Label}=b11-{n}";
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => b.Raw.Create(b.Api, b.Image, ["true"], $"b11-{n}").Wait());
        var filter = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [label] }));
        var path = $"/{b.Api}/containers/json?all=1&filters={filter}";
        var list = Bench.Interleave(b.Smoke ? 1 : 3, b.Smoke ? 3 : 20, TimeSpan.FromSeconds(b.Smoke ? 20 : 120),
            () => Bench.Expect(n, Bench.Invoke(b.Runspace, $"Get-DockerContainer -Label {label}").Count),
            () => Bench.Expect(n + 1, Bench.Run(b.Cli, $"-H {b.Host} ps -a --filter label={label}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
            () => Bench.Expect(n, b.Raw.Json("GET", path).Result.GetArrayLength()));

        var ours = Retained(() => Bench.Invoke(b.Runspace, $"$b11 = Get-DockerContainer -Label {label}"), n);
        Bench.Invoke(b.Runspace, "$b11 = $null");
        JsonDocument? document = null;
        var raw = Retained(() => document = JsonDocument.Parse(b.Raw.Send("GET", path).Result), n);
        GC.KeepAlive(document);
        return new Row("B11", $"warm Get-DockerContainer of {n} containers, per call; kept per container: {ours:F1} KiB (raw parsed JSON: {raw:F1} KiB)",
            list, "≤ 2× raw; ≤ 4× the raw document's memory per container", list.Ours.Median <= 2 * list.Raw!.Median && ours <= 4 * raw);
    }

    /// <summary>KiB of managed heap per listed container that <paramref name="keep"/> leaves reachable.</summary>
    private static double Retained(Action keep, int n)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        keep();
        return (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / n;
    }
}
