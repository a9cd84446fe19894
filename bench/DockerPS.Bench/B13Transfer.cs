using System.Diagnostics;
using System.Formats.Tar;
using System.Text;

internal static class B13Transfer
{
    /// <summary>
    /// B13: push and pull of an image of <paramref name="mib"/> MiB of random bytes in one fresh layer, to and from the
    /// test registry that needs no login, one row each, in MB/s of layer data. Every contender gets its own new image per
    /// sample (imported untimed), pushes it, removes it here (untimed) and pulls it back: the engine has none of its layers.
    /// The raw floor is the engine's push and pull endpoints with their progress streams read to the end.
    /// </summary>
    public static async Task<Row[]> Run(BenchContext b, string registry, int mib)
    {
        var work = Directory.CreateTempSubdirectory("dockerps-bench-b13-").FullName;
        var layer = Path.Combine(work, "layer.bin");
        var sample = 0;
        string Fresh()
        {
            // A new random file each time: no layer the registry or the engine has already.
            var data = new byte[1 << 20];
            using (var file = File.Create(layer))
            {
                for (var i = 0; i < mib; i++)
                {
                    Random.Shared.NextBytes(data);
                    file.Write(data);
                }
            }
            var tar = Path.Combine(work, "image.tar");
            using (var output = File.Create(tar))
            using (var writer = new TarWriter(output))
            {
                writer.WriteEntry(layer, "payload.bin");
            }
            var reference = $"{registry}/dockerps-bench-b13:s{Interlocked.Increment(ref sample)}";
            var (repository, tag) = (reference[..reference.LastIndexOf(':')], reference[(reference.LastIndexOf(':') + 1)..]);
            using var body = File.OpenRead(tar);
            b.Raw.Upload($"/{b.Api}/images/create?fromSrc=-&repo={Uri.EscapeDataString(repository)}&tag={tag}", body).Wait();
            return reference;
        }
        void Remove(string reference) => b.Raw.Send("DELETE", $"/{b.Api}/images/{Uri.EscapeDataString(reference)}").Wait();
        (double Push, double Pull) Timed(Action<string> push, Action<string> pull)
        {
            var reference = Fresh();
            var watch = Stopwatch.StartNew();
            push(reference);
            var pushed = watch.Elapsed.TotalMilliseconds;
            Remove(reference);
            watch.Restart();
            pull(reference);
            var pulled = watch.Elapsed.TotalMilliseconds;
            Remove(reference);
            return (pushed, pulled);
        }
        var pulls = new List<double>[] { [], [], [] };
        double Both(int contender, Action<string> push, Action<string> pull)
        {
            var (pushed, pulled) = Timed(push, pull);
            pulls[contender].Add(pulled);
            return pushed;
        }
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("{}"));
        try
        {
            var push = Bench.Interleave(0, b.Smoke ? 1 : 3, TimeSpan.FromSeconds(b.Smoke ? 60 : 300),
                () => Both(0, r => Bench.Invoke(b.Runspace, $"Push-DockerImage {r}"), r => Bench.Invoke(b.Runspace, $"Request-DockerImage {r}")),
                () => Both(1, r => Bench.Run(b.Cli, $"-H {b.Host} push -q {r}"), r => Bench.Run(b.Cli, $"-H {b.Host} pull -q {r}")),
                () => Both(2, r => b.Raw.Transfer("POST", $"/{b.Api}/images/{Uri.EscapeDataString(r[..r.LastIndexOf(':')])}/push?tag={r[(r.LastIndexOf(':') + 1)..]}", auth).Wait(),
                    r => b.Raw.Transfer("POST", $"/{b.Api}/images/create?fromImage={Uri.EscapeDataString(r)}", auth).Wait()));
            var pull = new Result(new Samples(pulls[0]), new Samples(pulls[1]), new Samples(pulls[2]));
            string Rate(Samples s) => $"{mib * 1.048576 / (s.Median / 1000):F0} MB/s";
            return
            [
                new Row("B13", $"push a {mib} MiB image of one fresh layer to the registry (DockerPS {Rate(push.Ours)}, CLI {Rate(push.Cli!)}, raw {Rate(push.Raw!)})",
                    push, "≤ 1.1× docker push", push.Ours.Median <= 1.1 * push.Cli!.Median),
                new Row("B13", $"pull it back with none of its layers here (DockerPS {Rate(pull.Ours)}, CLI {Rate(pull.Cli!)}, raw {Rate(pull.Raw!)})",
                    pull, "≤ 1.1× docker pull", pull.Ours.Median <= 1.1 * pull.Cli!.Median),
            ];
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
