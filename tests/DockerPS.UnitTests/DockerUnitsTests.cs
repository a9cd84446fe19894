using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class DockerUnitsTests
{
    [Theory]
    [InlineData("512", 512)]
    [InlineData("512b", 512)]
    [InlineData("4k", 4096)]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("512M", 512L * 1024 * 1024)]
    [InlineData("1.5g", 1536L * 1024 * 1024)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("1 t", 1L << 40)]
    public void SizesUseBinaryUnitsLikeTheCli(string text, long bytes) => Assert.Equal(bytes, DockerUnits.ParseBytes(text));

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("-1m")]
    [InlineData("12x")]
    [InlineData("1.2.3q")]
    public void BadSizesAreRejected(string text) => Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => DockerUnits.ParseBytes(text)).Message);

    [Theory]
    [InlineData("99999999999g")]
    [InlineData("8192p")]
    [InlineData("99999999999999999999")]
    public void SizesBeyondWhatTheEngineTakesSaySo(string text) =>
        Assert.Equal($"'{text}' is too large: a size is at most 9223372036854775807 bytes (just under 8192p).",
            Assert.Throws<FormatException>(() => DockerUnits.ParseBytes(text)).Message);

    [Fact]
    public void TheLargestSizeFits() => Assert.Equal(8191L << 50, DockerUnits.ParseBytes("8191p"));

    [Fact]
    public void CpusBeyondWhatTheEngineTakesSaySo() =>
        Assert.Equal("'9999999999' is too many CPUs: the engine takes at most 9223372036.854775807.",
            Assert.Throws<FormatException>(() => DockerUnits.ParseCpus("9999999999")).Message);

    [Theory]
    [InlineData("1", 1_000_000_000)]
    [InlineData("1.5", 1_500_000_000)]
    [InlineData("0.000000001", 1)]
    public void CpusBecomeNanoCpus(string text, long nano) => Assert.Equal(nano, DockerUnits.ParseCpus(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("0.0000000001")]
    public void BadCpusAreRejected(string text) => Assert.Throws<FormatException>(() => DockerUnits.ParseCpus(text));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("10s", 10)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("-2m", -120)]
    [InlineData("250ms", 0.25)]
    [InlineData("1m0.5s", 60.5)]
    public void GoDurations(string text, double seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), DockerUnits.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("h")]
    [InlineData("1h 30m")]
    public void BadDurationsAreRejected(string text) => Assert.Throws<FormatException>(() => DockerUnits.ParseDuration(text));
}

public sealed class RestartPolicySpecTests
{
    [Theory]
    [InlineData("no", "no", 0)]
    [InlineData("Always", "always", 0)]
    [InlineData("unless-stopped", "unless-stopped", 0)]
    [InlineData("on-failure", "on-failure", 0)]
    [InlineData("on-failure:5", "on-failure", 5)]
    public void ParsesTheCliSyntax(string text, string name, long retries) =>
        Assert.Equal(new RestartPolicySpec(name, retries), RestartPolicySpec.Parse(text));

    [Theory]
    [InlineData("sometimes")]
    [InlineData("always:3")]
    [InlineData("on-failure:x")]
    [InlineData("on-failure:-1")]
    public void RejectsAnythingElse(string text) => Assert.Throws<FormatException>(() => RestartPolicySpec.Parse(text));
}
