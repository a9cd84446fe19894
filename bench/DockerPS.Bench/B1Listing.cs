using System.Text.Json;

internal static class B1Listing
{
    /// <summary>B1: per-call listing of 50 containers labelled <paramref name="label"/> (B2 lists them again over ssh://).</summary>
    public static async Task<Row> Run(BenchContext b, string label)
    {
        for (var i = 0; i < 50; i++)
        {
            await b.Raw.Create(b.Api, b.Image, ["true"], "b1");
        }
        var filter = Uri.EscapeDataString(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [label] }));
        var iterations = b.Smoke ? 5 : 200;
        var b1 = Bench.Interleave(b.Smoke ? 2 : 20, iterations, TimeSpan.FromSeconds(b.Smoke ? 10 : 120),
            () => Bench.Expect(50, Bench.Invoke(b.Runspace, $"Get-DockerContainer -Label {label}").Count),
            () => Bench.Expect(51, Bench.Run(b.Cli, $"-H {b.Host} ps -a --filter label={label}").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
            () => Bench.Expect(50, b.Raw.Json("GET", $"/{b.Api}/containers/json?all=1&filters={filter}").Result.GetArrayLength()));
        return new Row("B1", "warm Get-DockerContainer, 50 containers, per call", b1, "≤ 3× raw; ≥ 10× faster than docker ps -a",
            b1.Ours.Median <= 3 * b1.Raw!.Median && b1.Cli!.Median >= 10 * b1.Ours.Median);
    }
}
