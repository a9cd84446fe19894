using System.Text;
using DockerPS.Build;
using DockerPS.Connection;
using DockerPS.Operations;
using DockerPS.Parsing;
using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>
/// Every parser of user text and of files the docker CLI and ssh share, fed random and mutated input: each either parses
/// or refuses with its own documented exception (the one the cmdlets turn into an error id), never anything else, and
/// never hangs. Seeded, so a failure names the input that caused it and repeats.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Cases = 4000;

    // The characters the syntaxes give meaning to, and a few they do not expect.
    private const string Alphabet = "aAzZ09_-.:/@=,;[]{}()*?!#%~+ \t\"'\\\n\r\0é☃";

    /// <summary>Inputs: random text over <see cref="Alphabet"/>, valid samples mutated, repeated and very long.</summary>
    private static IEnumerable<string> Inputs(int seed, params string[] samples)
    {
        var random = new Random(seed);
        string RandomText(int length) => new(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
        foreach (var sample in samples)
        {
            yield return sample;
        }
        for (var i = 0; i < Cases; i++)
        {
            var sample = samples[random.Next(samples.Length)];
            yield return (i % 4) switch
            {
                0 => RandomText(random.Next(0, 40)),
                1 => Mutate(random, sample, RandomText),
                2 => Mutate(random, Mutate(random, sample, RandomText), RandomText),
                _ => i % 100 == 3 ? string.Concat(Enumerable.Repeat(sample, 2000)) : sample[..random.Next(sample.Length + 1)],
            };
        }
    }

    private static string Mutate(Random random, string text, Func<int, string> randomText)
    {
        var at = random.Next(text.Length + 1);
        return random.Next(3) switch
        {
            0 => text.Insert(at, randomText(random.Next(1, 4))),
            1 when text.Length > 0 => text.Remove(Math.Min(at, text.Length - 1), 1),
            _ => text[..at] + randomText(1) + text[Math.Min(text.Length, at + 1)..],
        };
    }

    /// <summary>Runs <paramref name="parse"/> over the inputs; anything thrown must be one of <paramref name="refusals"/>.</summary>
    private static void Fuzz(string parser, IEnumerable<string> inputs, Action<string> parse, params Type[] refusals)
    {
        var (parsed, refused) = (0, 0);
        foreach (var input in inputs)
        {
            try
            {
                parse(input);
                parsed++;
            }
            catch (Exception e) when (refusals.Any(r => r.IsInstanceOfType(e)))
            {
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{parser} threw {e.GetType().Name} for {Quoted(input)}: {e.Message}");
            }
        }
        // The run reached both sides of each parser, so the inputs were not all rejected at the first character.
        Assert.True(parsed > 0 && refused > 0, $"{parser}: {parsed} parsed, {refused} refused");
    }

    private static string Quoted(string input) => input.Length > 200 ? $"a {input.Length}-character text starting {Quoted(input[..200])}" : "\"" + input.Replace("\0", "\\0") + "\"";

    [Fact]
    public void ImageReferences() =>
        Fuzz("ImageReference.Parse", Inputs(1, "busybox", "registry.example.com:5000/team/app:1.2", "app@sha256:" + new string('a', 64), "localhost/x_y-z.w:tag"),
            text => ImageReference.Parse(text, allowDigest: text.Length % 2 == 0), typeof(FormatException));

    [Fact]
    public void PortSpecs() =>
        Fuzz("PortSpec.Parse", Inputs(2, "80", "8080:80", "127.0.0.1:8080:80/udp", "[::1]:8000-8010:80-90", "::80"),
            text => PortSpec.Parse(text), typeof(FormatException), typeof(OverflowException));

    [Fact]
    public void ServiceSyntaxes()
    {
        Fuzz("ServiceSyntax.ParsePublish", Inputs(40, "80", "8080:80/udp", "published=8080,target=80,mode=host", "target=53,protocol=udp"),
            text => ServiceSyntax.ParsePublish(text), typeof(FormatException), typeof(OverflowException));
        Fuzz("ServiceSyntax.ParseFileReference", Inputs(41, "db", "source=app,target=/etc/app.conf,uid=33,gid=33,mode=0440"),
            text => ServiceSyntax.ParseFileReference(text), typeof(FormatException));
        Fuzz("ServiceSyntax.ParseConstraint", Inputs(42, "node.role==manager", "node.labels.zone!=east"), text => ServiceSyntax.ParseConstraint(text), typeof(FormatException));
        Fuzz("ServiceSyntax.ParsePlacementPreference", Inputs(43, "spread=node.labels.zone"), text => ServiceSyntax.ParsePlacementPreference(text), typeof(FormatException));
    }

    [Fact]
    public void VolumesAndMounts()
    {
        Fuzz("MountSpec.ParseVolume", Inputs(3, "/data", "data:/data:ro", "/host:/c:rw,z", "C:\\x:/y"),
            text => MountSpec.ParseVolume(text), typeof(FormatException));
        Fuzz("MountSpec.ParseMount", Inputs(4, "type=bind,source=/a,target=/b,readonly", "type=volume,src=v,dst=/d,volume-opt=a=b", "type=tmpfs,target=/t,tmpfs-size=64m"),
            text => MountSpec.ParseMount(text), typeof(FormatException));
    }

    [Fact]
    public void SizesCpusDurationsAndRestartPolicies()
    {
        Fuzz("DockerUnits.ParseBytes", Inputs(5, "512m", "1.5g", "100", "8191p"), text => DockerUnits.ParseBytes(text), typeof(FormatException), typeof(OverflowException));
        Fuzz("DockerUnits.ParseCpus", Inputs(6, "1.5", "0.25", "2"), text => DockerUnits.ParseCpus(text), typeof(FormatException), typeof(OverflowException));
        Fuzz("DockerUnits.ParseDuration", Inputs(7, "30s", "1m30s", "500ms", "2h"), text => DockerUnits.ParseDuration(text), typeof(FormatException), typeof(OverflowException));
        Fuzz("RestartPolicySpec.Parse", Inputs(8, "no", "always", "unless-stopped", "on-failure:3"), text => RestartPolicySpec.Parse(text), typeof(FormatException), typeof(OverflowException));
    }

    [Fact]
    public void TimesAndFilters()
    {
        var now = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
        Fuzz("DockerTime.Parse", Inputs(9, "10m", "2026-12-01", "2026-12-01T10:00:00Z", "1700000000", "1700000000.5"), text => DockerTime.Parse(text, now), typeof(FormatException));
        Fuzz("PruneFilter.Parse", Inputs(10, "until=24h", "label=a=b", "label!=x", "dangling=true"),
            text => PruneFilter.Parse([KeyValuePair.Create(text.Split('=', 2)[0], (object)(text.Split('=', 2) is [_, var v] ? v : ""))], now.UtcDateTime),
            typeof(FormatException));
    }

    [Fact]
    public void EnvFilesAndDockerIgnore()
    {
        Fuzz("EnvFile.Parse", Inputs(11, "A=1", "# comment", "B", "C=x=y", " D = spaced "),
            text => EnvFile.Parse(text.Split('\n'), name => name == "B" ? "from-env" : null).ToArray(), typeof(FormatException));
        Fuzz("DockerIgnore", Inputs(12, "node_modules", "**/*.log", "!keep.log", "a/[b-c]?/**", "\\#x"),
            text =>
            {
                var ignore = new DockerIgnore(DockerIgnore.ReadAll(Encoding.UTF8.GetBytes(text)));
                ignore.Excludes("a/b/c.log");
                ignore.Excludes("node_modules/x");
            }, typeof(DockerIgnoreException));
    }

    [Fact]
    public void HostAddresses() =>
        Fuzz("EndpointResolver.ParseHost", Inputs(13, "unix:///var/run/docker.sock", "tcp://127.0.0.1:2376", "ssh://me@host:22", "npipe:////./pipe/docker_engine", "fd://"),
            text => EndpointResolver.ParseHost(text, "fuzz"), typeof(DockerEngineException));

    [Fact]
    public void SshConfigAndKnownHosts()
    {
        // Neither refuses anything: ssh skips what it does not understand, so both must take every input without throwing.
        var config = Inputs(14, "Host prod\n  HostName p.example.org\n  Port 2200\n  User me", "Host *\n ProxyJump a@b:22,c", "Match all\n IdentityFile ~/k");
        var parsed = 0;
        foreach (var text in config)
        {
            SshConfig.Resolve(text, "prod", "/home/me");
            SshConfig.ParseJump(text);
            parsed++;
        }
        var hosts = Inputs(15, "example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
            "|1|c2FsdA==|aGFzaA== ssh-rsa AAAA", "@revoked * ssh-ed25519 AAAA", "[h]:2222,h2 ecdsa-sha2-nistp256 AAAA");
        foreach (var text in hosts)
        {
            KnownHosts.Parse(text);
            parsed++;
        }
        Assert.True(parsed > 2 * Cases);
    }

    [Fact]
    public void DockerConfigFiles()
    {
        // config.json that does not parse is reported (and ignored, as by the CLI), never thrown.
        var directory = Directory.CreateTempSubdirectory("dps-fuzz-config-").FullName;
        try
        {
            var config = new DockerCliConfig(directory);
            var (readable, problems) = (0, 0);
            foreach (var text in Inputs(16, """{"auths":{"r.example":{"auth":"dTpw"}},"currentContext":"x"}""", """{"credsStore":"pass","credHelpers":{"a":"b"}}""", "{}"))
            {
                File.WriteAllText(config.ConfigFile, text);
                config.Load(out var problem);
                _ = problem is null ? readable++ : problems++;
            }
            Assert.True(readable > 0 && problems > 0, $"{readable} read, {problems} reported");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
