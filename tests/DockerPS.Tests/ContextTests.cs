using System.Collections;
using System.Formats.Tar;
using System.Management.Automation;
using System.Text.Json;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Get-, New-, Set-, Use-, Remove-, Export-, Import-DockerContext on a DOCKER_CONFIG of each test's own, checked with the
/// docker CLI on the same store: contexts either tool makes, changes or exports work in both, with TLS material.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ContextTests : IDisposable
{
    private readonly EngineFixture _fixture;
    private readonly PowerShellSession _ps;
    private readonly string _config = Directory.CreateTempSubdirectory("dockerps-contexts-").FullName;
    private readonly string _client = Path.Combine(TestEnvironment.TlsDirectory, "client");

    public ContextTests(EngineFixture fixture)
    {
        _fixture = fixture;
        _ps = fixture.Session;
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _config);
    }

    public void Dispose()
    {
        TestEnvironment.ResetEnvironment();
        Directory.Delete(_config, recursive: true);
    }

    private string Cli(params string[] args) => DockerCli.WithConfig(_config, args);

    /// <summary><c>docker context ls</c> as name → (current, endpoint, error).</summary>
    private Dictionary<string, (bool Current, string Endpoint, string Error)> CliContexts() =>
        Cli("context", "ls", "--format", "json").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            using var doc = JsonDocument.Parse(line);
            var c = doc.RootElement;
            return (Name: c.GetProperty("Name").GetString()!, Info: (c.GetProperty("Current").GetBoolean(), c.GetProperty("DockerEndpoint").GetString()!, c.GetProperty("Error").GetString() ?? ""));
        }).ToDictionary(c => c.Name, c => c.Info);

    private string TlsArgs(string dir = "client") =>
        $"-TlsCACertificate '{Path.Combine(TestEnvironment.TlsDirectory, dir, "ca.pem")}' -TlsCertificate '{Path.Combine(TestEnvironment.TlsDirectory, dir, "cert.pem")}' -TlsKey '{Path.Combine(TestEnvironment.TlsDirectory, dir, "key.pem")}'";

    [Fact]
    public void ContextMadeByTheCliWithTlsWorksInDockerPS()
    {
        Cli("context", "create", "cli-tls", "--description", "made by the CLI", "--docker",
            $"host={TestEnvironment.TlsHost},ca={_client}/ca.pem,cert={_client}/cert.pem,key={_client}/key.pem");

        var context = Assert.Single(_ps.Run("Get-DockerContext cli-tls").Output);
        var result = _ps.Run($"Get-DockerContainer -Name {_fixture.RunningName} -Context cli-tls");

        Assert.Equal("made by the CLI", context.Properties["Description"].Value);
        Assert.Equal(TestEnvironment.TlsHost, context.Properties["DockerEndpoint"].Value);
        Assert.Null(context.Properties["Error"].Value);
        var tls = PSObject.AsPSObject(context.Properties["Tls"].Value);
        Assert.True((bool)tls.Properties["Verify"].Value);
        Assert.EndsWith("/docker/ca.pem", (string)tls.Properties["CaFile"].Value);
        Assert.Empty(result.Errors);
        var engine = PSObject.AsPSObject(Assert.Single(result.Output).Properties["Engine"].Value);
        Assert.Equal("cli-tls", engine.Properties["Name"].Value);
        Assert.Equal(TestEnvironment.TlsHost, engine.Properties["Endpoint"].Value);
    }

    [Fact]
    public void ContextMadeByDockerPSWithTlsWorksInTheCli()
    {
        var result = _ps.Run($"New-DockerContext ps-tls -DockerHost {TestEnvironment.TlsHost} -Description 'made by DockerPS' {TlsArgs()}");

        Assert.Empty(result.Errors);
        Assert.Equal("ps-tls", Assert.Single(result.Output).Properties["Name"].Value);
        Assert.Equal((false, TestEnvironment.TlsHost, ""), CliContexts()["ps-tls"]);
        Assert.Contains(_fixture.RunningName, Cli("--context", "ps-tls", "ps", "--format", "{{.Names}}"));
        using var inspect = JsonDocument.Parse(Cli("context", "inspect", "ps-tls"));
        var context = inspect.RootElement[0];
        Assert.Equal("made by DockerPS", context.GetProperty("Metadata").GetProperty("Description").GetString());
        Assert.Equal(["ca.pem", "cert.pem", "key.pem"], context.GetProperty("TLSMaterial").GetProperty("docker").EnumerateArray().Select(e => e.GetString()).Order());
        var key = Path.Combine(context.GetProperty("Storage").GetProperty("TLSPath").GetString()!, "docker", "key.pem");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public void UseAndRemoveRoundTripThroughTheCliStore()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"auths":{"registry.example":{"auth":"eDp5"}},"psFormat":"table {{.Names}}"}""");
        _ps.Run($"New-DockerContext ctx-a unix:///tmp/ctx-a.sock; New-DockerContext ctx-b {TestEnvironment.DockerHost}");

        var use = _ps.Run("Use-DockerContext ctx-b -PassThru");

        Assert.Empty(use.Errors);
        Assert.Empty(use.Warnings);
        Assert.True((bool)Assert.Single(use.Output).Properties["Current"].Value);
        Assert.True(CliContexts()["ctx-b"].Current);
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(_config, "config.json"))))
        {
            Assert.Equal("ctx-b", config.RootElement.GetProperty("currentContext").GetString());
            Assert.Equal("eDp5", config.RootElement.GetProperty("auths").GetProperty("registry.example").GetProperty("auth").GetString());
            Assert.Equal("table {{.Names}}", config.RootElement.GetProperty("psFormat").GetString());
        }
        Assert.Equal("ctx-b", PSObject.AsPSObject(Assert.Single(_ps.Run("Get-DockerVersion").Output).Properties["Engine"].Value).Properties["Name"].Value);

        var refused = _ps.Run("Remove-DockerContext ctx-b");
        var forced = _ps.Run("Remove-DockerContext ctx-b, ctx-a -Force");

        Assert.Equal("ContextInUse,DockerPS.Commands.RemoveDockerContextCommand", Assert.Single(refused.ErrorIds));
        Assert.Equal(ErrorCategory.ResourceBusy, refused.Errors[0].CategoryInfo.Category);
        Assert.Empty(forced.Errors);
        var left = CliContexts();
        Assert.Equal(["default"], left.Keys);
        Assert.True(left["default"].Current);
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(_config, "config.json"))))
        {
            Assert.False(config.RootElement.TryGetProperty("currentContext", out _));
            Assert.True(config.RootElement.TryGetProperty("auths", out _));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_config, "contexts", "meta")));
    }

    [Fact]
    public void GetMarksTheCurrentContextAndMatchesWildcards()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);
        Cli("context", "create", "wild-one", "--docker", "host=unix:///tmp/one.sock");
        Cli("context", "create", "wild-two", "--docker", "host=tcp://127.0.0.1:1");
        Cli("context", "create", "other", "--docker", "host=unix:///tmp/other.sock");
        Cli("context", "use", "wild-two");

        var result = _ps.Run("Get-DockerContext wild-*");
        var all = _ps.Run("Get-DockerContext");
        var table = _ps.Run("Get-DockerContext | Out-Default").HostText;

        Assert.Equal(["wild-one", "wild-two"], result.Property("Name"));
        Assert.Equal([false, true], result.Property("Current"));
        Assert.Equal(CliContexts().Keys.Order(), all.Property("Name").Cast<string>().Order());
        Assert.Contains("wild-two *", table);
        Assert.Contains("DOCKER ENDPOINT", table);
    }

    [Fact]
    public void ThreePipedNamesWithTheMiddleUnknownGiveTwoResultsAndOneError()
    {
        Cli("context", "create", "pipe-a", "--docker", "host=unix:///tmp/a.sock");
        Cli("context", "create", "pipe-b", "--docker", "host=unix:///tmp/b.sock");

        var got = _ps.Run("'pipe-a', 'pipe-ghost', 'pipe-b' | Get-DockerContext");
        var removed = _ps.Run("'pipe-a', 'pipe-ghost', 'pipe-b' | Remove-DockerContext");

        Assert.Equal(["pipe-a", "pipe-b"], got.Property("Name"));
        Assert.Equal("ContextNotFound,DockerPS.Commands.GetDockerContextCommand", Assert.Single(got.ErrorIds));
        Assert.Equal("pipe-ghost", got.Errors[0].TargetObject);
        var error = Assert.Single(removed.Errors);
        Assert.Equal("ContextNotFound,DockerPS.Commands.RemoveDockerContextCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(["default"], CliContexts().Keys);
    }

    [Fact]
    public void WhatIfChangesNothing()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);
        Cli("context", "create", "kept", "--docker", "host=unix:///tmp/kept.sock");

        var result = _ps.Run($"New-DockerContext never unix:///tmp/never.sock -WhatIf; Use-DockerContext kept -WhatIf; Remove-DockerContext kept -WhatIf");

        Assert.Empty(result.Errors);
        var contexts = CliContexts();
        Assert.Equal(["default", "kept"], contexts.Keys.Order());
        Assert.True(contexts["default"].Current);
        Assert.False(File.Exists(Path.Combine(_config, "config.json")));
    }

    [Fact]
    public void UseWarnsWhenTheEnvironmentOverridesIt()
    {
        Cli("context", "create", "shadowed", "--docker", "host=unix:///tmp/shadowed.sock");

        var byHost = _ps.Run("Use-DockerContext shadowed");
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);
        Environment.SetEnvironmentVariable("DOCKER_CONTEXT", "default");
        var byContext = _ps.Run("Use-DockerContext shadowed");

        Assert.Contains("DOCKER_HOST overrides", Assert.Single(byHost.Warnings).Message);
        Assert.Contains("DOCKER_CONTEXT overrides", Assert.Single(byContext.Warnings).Message);
        Assert.Empty(byContext.Errors);
    }

    [Fact]
    public void BadInputIsRefusedBeforeAnythingIsWritten()
    {
        Cli("context", "create", "taken", "--docker", "host=unix:///tmp/taken.sock");
        var missing = Path.Combine(_config, "missing-ca.pem");

        var result = _ps.Run(string.Join("; ",
            "New-DockerContext 'bad name' unix:///tmp/x.sock",
            "New-DockerContext taken unix:///tmp/x.sock",
            "New-DockerContext bad-host 'gopher://x'",
            $"New-DockerContext no-ca tcp://127.0.0.1:2376 -TlsCACertificate '{missing}'",
            $"New-DockerContext no-key tcp://127.0.0.1:2376 -TlsCertificate '{Path.Combine(_client, "cert.pem")}'",
            $"New-DockerContext rogue-pair tcp://127.0.0.1:2376 -TlsCertificate '{Path.Combine(_client, "cert.pem")}' -TlsKey '{Path.Combine(TestEnvironment.TlsDirectory, "rogue-client", "key.pem")}'",
            "Remove-DockerContext default",
            "Use-DockerContext nowhere"));

        const string New = "DockerPS.Commands.NewDockerContextCommand";
        Assert.Equal(
            [$"InvalidContextName,{New}", $"ContextExists,{New}", $"InvalidEndpoint,{New}", $"TlsCertificateNotFound,{New}", $"TlsCertificateNotFound,{New}",
             $"TlsCertificateNotFound,{New}", "DefaultContextNotRemovable,DockerPS.Commands.RemoveDockerContextCommand",
             "ContextNotFound,DockerPS.Commands.UseDockerContextCommand"],
            result.ErrorIds);
        Assert.Equal("bad name", result.Errors[0].TargetObject);
        Assert.Contains(missing, result.Errors[3].Exception.Message);
        Assert.Equal(["default", "taken"], CliContexts().Keys.Order());
        Assert.False(Directory.Exists(Path.Combine(_config, "contexts", "tls")));
    }

    private JsonElement CliInspect(string name)
    {
        using var inspect = JsonDocument.Parse(Cli("context", "inspect", name));
        return inspect.RootElement[0].Clone();
    }

    private static string[] TlsMaterial(JsonElement inspected) =>
        inspected.GetProperty("TLSMaterial").TryGetProperty("docker", out var files) ? files.EnumerateArray().Select(e => e.GetString()!).Order().ToArray() : [];

    /// <summary>
    /// An archive's entries as the CLI's import reads them: path, type, mode and content. The CLI writes its exports without
    /// the tar trailer and the last file's padding, which are added here for .NET's reader.
    /// </summary>
    private static List<(string Name, TarEntryType Type, UnixFileMode Mode, string Content)> TarEntries(string file)
    {
        var bytes = File.ReadAllBytes(file);
        using var reader = new TarReader(new MemoryStream([.. bytes, .. new byte[(512 - bytes.Length % 512) % 512 + 1024]]));
        var entries = new List<(string, TarEntryType, UnixFileMode, string)>();
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add((entry.Name.TrimEnd('/'), entry.EntryType, entry.Mode, entry.DataStream is { } data ? new StreamReader(data).ReadToEnd() : ""));
        }
        return entries;
    }

    [Fact]
    public void GetShowsWhatTheCliInspectShows()
    {
        Cli("context", "create", "inspected", "--description", "for inspect", "--docker",
            $"host={TestEnvironment.TlsHost},ca={_client}/ca.pem,cert={_client}/cert.pem,key={_client}/key.pem");
        Cli("context", "create", "plain", "--docker", "host=unix:///tmp/plain.sock");

        var result = _ps.Run("Get-DockerContext inspected, plain, default");

        Assert.Empty(result.Errors);
        var (tls, plain, builtIn) = (result.Output[0], result.Output[1], result.Output[2]);
        var cli = CliInspect("inspected");
        Assert.Equal("for inspect", tls.Properties["Description"].Value);
        Assert.Equal(TlsMaterial(cli), ((IEnumerable)tls.Properties["TlsMaterial"].Value).Cast<string>());
        Assert.Equal(cli.GetProperty("Storage").GetProperty("MetadataPath").GetString(), tls.Properties["MetadataPath"].Value);
        Assert.Equal(cli.GetProperty("Storage").GetProperty("TLSPath").GetString(), tls.Properties["TlsPath"].Value);
        Assert.Empty((IEnumerable<string>)plain.Properties["TlsMaterial"].Value);
        Assert.Equal(CliInspect("plain").GetProperty("Storage").GetProperty("MetadataPath").GetString(), plain.Properties["MetadataPath"].Value);
        Assert.Null(builtIn.Properties["MetadataPath"].Value);
    }

    [Fact]
    public void SetRewritesTheContextForTheCliAndTheNextCall()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);
        Cli("context", "create", "moving", "--description", "old", "--docker", "host=unix:///tmp/dps-nowhere.sock");
        Cli("context", "use", "moving");

        var toSocket = _ps.Run($"Set-DockerContext moving -DockerHost {TestEnvironment.DockerHost} -Description 'moved' -PassThru; (Get-DockerVersion).Engine.Endpoint");

        Assert.Empty(toSocket.Errors);
        Assert.Equal("moved", toSocket.Output[0].Properties["Description"].Value);
        Assert.Equal(TestEnvironment.DockerHost, toSocket.Output[1].BaseObject);
        var cli = CliInspect("moving");
        Assert.Equal(TestEnvironment.DockerHost, cli.GetProperty("Endpoints").GetProperty("docker").GetProperty("Host").GetString());
        Assert.Equal("moved", cli.GetProperty("Metadata").GetProperty("Description").GetString());

        var toTls = _ps.Run($"Set-DockerContext moving -DockerHost {TestEnvironment.TlsHost} {TlsArgs()}; (Get-DockerContainer -Name {_fixture.RunningName}).Engine.Endpoint");

        Assert.Empty(toTls.Errors);
        Assert.Equal(TestEnvironment.TlsHost, Assert.Single(toTls.Output).BaseObject);
        Assert.Equal(["ca.pem", "cert.pem", "key.pem"], TlsMaterial(CliInspect("moving")));
        Assert.Contains(_fixture.RunningName, Cli("ps", "--format", "{{.Names}}"));

        // As the CLI's --docker: an endpoint given anew without TLS files has none any more; the description stays.
        var back = _ps.Run($"Set-DockerContext moving -DockerHost {TestEnvironment.DockerHost}; Set-DockerContext moving -Description '' -WhatIf");

        Assert.Empty(back.Errors);
        cli = CliInspect("moving");
        Assert.Empty(TlsMaterial(cli));
        Assert.Equal("moved", cli.GetProperty("Metadata").GetProperty("Description").GetString());
        Assert.Equal((true, TestEnvironment.DockerHost, ""), CliContexts()["moving"]);
    }

    [Fact]
    public void SetRefusesWhatTheCliRefuses()
    {
        Cli("context", "create", "kept-as-is", "--description", "kept", "--docker", "host=unix:///tmp/kept.sock");

        var result = _ps.Run(string.Join("; ",
            "Set-DockerContext default -Description x",
            "Set-DockerContext ghost -Description x",
            "Set-DockerContext kept-as-is",
            "Set-DockerContext kept-as-is -DockerHost 'gopher://x'",
            $"Set-DockerContext kept-as-is -TlsCertificate '{Path.Combine(_client, "cert.pem")}'"));

        const string Set = "DockerPS.Commands.SetDockerContextCommand";
        Assert.Equal([$"DefaultContextReadOnly,{Set}", $"ContextNotFound,{Set}", $"NothingToUpdate,{Set}", $"InvalidEndpoint,{Set}", $"TlsCertificateNotFound,{Set}"], result.ErrorIds);
        Assert.Equal("gopher://x", result.Errors[3].TargetObject);
        var cli = CliInspect("kept-as-is");
        Assert.Equal("unix:///tmp/kept.sock", cli.GetProperty("Endpoints").GetProperty("docker").GetProperty("Host").GetString());
        Assert.Equal("kept", cli.GetProperty("Metadata").GetProperty("Description").GetString());
    }

    [Fact]
    public void ExportsAreTheClisAndImportBothWays()
    {
        _ps.Run($"New-DockerContext ps-made -DockerHost {TestEnvironment.TlsHost} -Description 'exported' {TlsArgs()}");
        Cli("context", "create", "cli-made", "--docker", $"host={TestEnvironment.TlsHost},ca={_client}/ca.pem,cert={_client}/cert.pem,key={_client}/key.pem");
        var ours = Path.Combine(_config, "ours.dockercontext");
        var theirs = Path.Combine(_config, "theirs.dockercontext");
        Cli("context", "export", "ps-made", theirs);

        var export = _ps.Run($"Export-DockerContext ps-made '{ours}'");

        Assert.Empty(export.Errors);
        Assert.Equal(ours, ((FileInfo)Assert.Single(export.Output).BaseObject).FullName);
        Assert.Equal(TarEntries(theirs), TarEntries(ours));
        Cli("context", "import", "ps-in-cli", ours);
        Assert.Contains(_fixture.RunningName, Cli("--context", "ps-in-cli", "ps", "--format", "{{.Names}}"));
        Assert.Equal("exported", CliInspect("ps-in-cli").GetProperty("Metadata").GetProperty("Description").GetString());

        theirs = Path.Combine(_config, "cli-made.dockercontext");
        Cli("context", "export", "cli-made", theirs);
        var import = _ps.Run(string.Join("; ",
            $"Import-DockerContext cli-in-ps '{theirs}'",
            $",[IO.File]::ReadAllBytes('{theirs}') | Import-DockerContext from-bytes",
            $"[IO.File]::ReadAllBytes('{theirs}') | Import-DockerContext byte-by-byte",
            "Export-DockerContext cli-made - | Import-DockerContext through-pipeline",
            $"'cli-in-ps', 'from-bytes', 'byte-by-byte', 'through-pipeline' | ForEach-Object {{ (Get-DockerContainer -Name {_fixture.RunningName} -Context $_).Engine.Name }}"));

        Assert.Empty(import.Errors);
        Assert.Equal(["cli-in-ps", "from-bytes", "byte-by-byte", "through-pipeline"], import.Output.Take(4).Select(c => c.Properties["Name"].Value));
        Assert.Equal(["cli-in-ps", "from-bytes", "byte-by-byte", "through-pipeline"], import.Output.Skip(4).Select(o => o.BaseObject));
        Assert.Equal(["ca.pem", "cert.pem", "key.pem"], TlsMaterial(CliInspect("through-pipeline")));
        var key = Path.Combine(CliInspect("cli-in-ps").GetProperty("Storage").GetProperty("TLSPath").GetString()!, "docker", "key.pem");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }
    }

    [Fact]
    public void ExportAndImportRefuseBadInputAndWriteNothing()
    {
        Cli("context", "create", "exportable", "--docker", "host=unix:///tmp/exportable.sock");
        var garbage = Path.Combine(_config, "garbage.dockercontext");
        File.WriteAllText(garbage, "not a tar");
        var existing = Path.Combine(_config, "existing.dockercontext");
        File.WriteAllText(existing, "keep me");

        var result = _ps.Run(string.Join("; ",
            $"Export-DockerContext ghost '{Path.Combine(_config, "ghost.dockercontext")}'",
            $"Export-DockerContext exportable '{existing}'",
            $"Import-DockerContext exportable '{garbage}'",
            $"Import-DockerContext 'bad name' '{garbage}'",
            $"Import-DockerContext from-garbage '{garbage}'",
            $"Import-DockerContext from-nothing '{Path.Combine(_config, "missing.dockercontext")}'"));

        const string Export = "DockerPS.Commands.ExportDockerContextCommand";
        const string Import = "DockerPS.Commands.ImportDockerContextCommand";
        Assert.Equal(
            [$"ContextNotFound,{Export}", $"FileExists,{Export}", $"ContextExists,{Import}", $"InvalidContextName,{Import}", $"InvalidArchive,{Import}", $"LocalPathNotFound,{Import}"],
            result.ErrorIds);
        Assert.Equal(ErrorCategory.InvalidData, result.Errors[4].CategoryInfo.Category);
        Assert.False(File.Exists(Path.Combine(_config, "ghost.dockercontext")));
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Equal(["default", "exportable"], CliContexts().Keys.Order());
    }
}
