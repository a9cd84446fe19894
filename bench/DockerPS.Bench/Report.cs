using System.Globalization;
using System.Text;

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

