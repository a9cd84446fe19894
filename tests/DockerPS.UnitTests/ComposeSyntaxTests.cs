using DockerPS.Compose;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The compose loader's own small syntaxes: command words, Go durations, file modes, project names.</summary>
public sealed class ComposeSyntaxTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dps-compose-syntax-");

    public void Dispose() => _folder.Delete(recursive: true);

    private ComposeProject Load(string yaml, string name = "compose.yaml")
    {
        File.WriteAllText(Path.Combine(_folder.FullName, name), yaml);
        return ComposeLoader.Load(new ComposeLoadOptions { Files = [name], WorkingDirectory = _folder.FullName, Environment = _ => null });
    }

    [Theory]
    [InlineData("0440", "0440")]
    [InlineData("0o440", "0440")]
    [InlineData("288", "0440")]
    [InlineData("0", "0")]
    public void FileModesReadOctalOrDecimalAndWriteOctal(string mode, string written)
    {
        var project = Load($"services:\n  s:\n    image: x\n    secrets: [{{source: k, mode: {mode}}}]\nsecrets:\n  k: {{file: ./k}}\n");

        Assert.Contains($"\"mode\": \"{written}\"", project.ToJson());
    }

    [Fact]
    public void WhatToJsonWritesReadsBackAsTheSameProject()
    {
        var project = Load("""
            name: app
            services:
              web:
                image: nginx
                command: echo "$$HOME and ${UNSET:-d}"
                ports: ["127.0.0.1:8080-8081:80-81/udp"]
                volumes: ["./data:/data:ro", "named:/n"]
                environment: [A=1, B]
                healthcheck: {test: true, interval: 90s}
                deploy: {resources: {limits: {memory: 1g, cpus: "0.5"}}}
                secrets: [{source: s, mode: 0400}]
            volumes:
              named:
            secrets:
              s: {file: ./s.txt}
            """);

        var again = Load(project.ToJson(), "compose.json");

        Assert.Equal(project.ToJson(), again.ToJson());
        Assert.Equal(["echo", "$HOME and d"], again.Services["web"].Command);
    }
    [Theory]
    [InlineData("echo hi", new[] { "echo", "hi" })]
    [InlineData("  sh   -c  'a b'  ", new[] { "sh", "-c", "a b" })]
    [InlineData("echo \"a \\\"b\\\" c\"", new[] { "echo", "a \"b\" c" })]
    [InlineData("echo 'it''s'", new[] { "echo", "its" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("echo \"\"", new[] { "echo", "" })]
    // go-shellwords (compose) ends the words at an unquoted operator.
    [InlineData("echo one && echo two", new[] { "echo", "one" })]
    [InlineData("echo 'a;b' ; rest", new[] { "echo", "a;b" })]
    public void CommandsSplitIntoWordsAsComposeSplitsThem(string text, string[] words) => Assert.Equal(words, ShellWords.Split(text));

    [Fact]
    public void AnUnclosedQuoteIsAnInvalidFile() =>
        Assert.Equal(ErrorCatalog.ComposeFileInvalid, Assert.Throws<ComposeException>(() => ShellWords.Split("echo 'open")).Code);

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(60_000_000_000L, "1m0s")]
    [InlineData(5_400_000_000_000L, "1h30m0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(1_500_000L, "1.5ms")]
    [InlineData(2_000L, "2µs")]
    [InlineData(-20_000_000_000L, "-20s")]
    public void DurationsAreWrittenAsGoWritesThem(long nanoseconds, string text) =>
        Assert.Equal(text, GoDurationConverter.Format(TimeSpan.FromTicks(nanoseconds / 100)));

    [Theory]
    [InlineData("My_App.v2", "my_appv2")]
    [InlineData("--Shop", "shop")]
    [InlineData("ok-name_1", "ok-name_1")]
    public void ProjectNamesAreLoweredToWhatComposeAllows(string name, string normalized) =>
        Assert.Equal(normalized, ComposeLoader.NormalizeName(name));
}
