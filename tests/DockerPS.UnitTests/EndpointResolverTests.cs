using DockerPS.Connection;
using DockerPS.Errors;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class EndpointResolverTests : IDisposable
{
    private readonly string _config = Directory.CreateTempSubdirectory("dockerps-unit-").FullName;
    private readonly Dictionary<string, string> _env = [];

    public EndpointResolverTests() => _env["DOCKER_CONFIG"] = _config;

    public void Dispose() => Directory.Delete(_config, recursive: true);

    private EndpointSpec Resolve(string? context = null, string? host = null) =>
        EndpointResolver.Resolve(context, host, name => _env.GetValueOrDefault(name));

    private void AddContext(string name, string host)
    {
        var dir = Path.Combine(_config, "contexts", "meta", DockerCliConfig.ContextDirectoryName(name));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "meta.json"),
            System.Text.Json.JsonSerializer.Serialize(new { Name = name, Metadata = new { }, Endpoints = new { docker = new { Host = host, SkipTLSVerify = false } } }));
    }

    [Fact]
    public void DefaultsToTheDefaultSocket()
    {
        var spec = Resolve();

        Assert.Equal("unix:///var/run/docker.sock", spec.Endpoint.ToString());
        Assert.Equal("default socket", spec.Source);
        Assert.Equal("default", spec.ContextName);
        Assert.Null(spec.ApiVersion);
    }

    [Fact]
    public void PrecedenceFollowsTheDockerCli()
    {
        AddContext("env", "unix:///env.sock");
        AddContext("current", "unix:///current.sock");
        AddContext("explicit", "unix:///explicit.sock");
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"currentContext":"current","auths":{}}""");

        Assert.Equal("unix:///current.sock", Resolve().Endpoint.ToString());
        _env["DOCKER_CONTEXT"] = "env";
        Assert.Equal("unix:///env.sock", Resolve().Endpoint.ToString());
        _env["DOCKER_HOST"] = "unix:///host.sock";
        Assert.Equal("unix:///host.sock", Resolve().Endpoint.ToString());
        Assert.Equal("unix:///explicit.sock", Resolve(context: "explicit").Endpoint.ToString());
        Assert.Equal("tcp://10.1.2.3:2375/", Resolve(host: "tcp://10.1.2.3:2375").Endpoint.ToString());
    }

    [Fact]
    public void TheDefaultContextIsDockerHostOrTheDefaultSocket()
    {
        Assert.Equal("unix:///var/run/docker.sock", Resolve(context: "default").Endpoint.ToString());
        _env["DOCKER_HOST"] = "tcp://127.0.0.1:2375";
        Assert.Equal("tcp://127.0.0.1:2375/", Resolve(context: "default").Endpoint.ToString());
    }

    [Fact]
    public void ContextStoreIsKeyedBySha256OfTheName()
    {
        // What `docker context create bogus` wrote on this machine.
        Assert.Equal("f3c16f525a1b7c204fc953d6d7db7168d84ebf4902f83c3a37d113b18c28981f", DockerCliConfig.ContextDirectoryName("bogus"));
    }

    [Fact]
    public void ListsContextNames()
    {
        AddContext("one", "unix:///1.sock");
        AddContext("two", "tcp://h:1");

        Assert.Equal(new[] { "one", "two" }, new DockerCliConfig(_config).ContextNames().Order());
    }

    [Theory]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("unix://", "unix:///var/run/docker.sock")]
    [InlineData("tcp://example.org", "tcp://example.org:2375/")]
    [InlineData("tcp://example.org:12375", "tcp://example.org:12375/")]
    [InlineData("localhost:4243", "tcp://localhost:4243/")]
    [InlineData("ssh://host", "ssh://host/")]
    [InlineData("ssh://me@host:2222", "ssh://me@host:2222/")]
    [InlineData("ssh://me@host:2222/", "ssh://me@host:2222/")]
    public void ParsesHostsLikeTheCli(string address, string expected) =>
        Assert.Equal(expected, EndpointResolver.ParseHost(address, "test").ToString());

    /// <summary>Docker's Windows default and its backslash spelling name one pipe, written back as the docker CLI writes it.</summary>
    [Theory]
    [InlineData("npipe:////./pipe/docker_engine", "docker_engine")]
    [InlineData(@"npipe://\\.\pipe\docker_engine", "docker_engine")]
    [InlineData("npipe:////./pipe/dockerDesktopLinuxEngine", "dockerDesktopLinuxEngine")]
    [InlineData("npipe:////./pipe/a%20b", "a%20b")]
    public void ParsesNamedPipes(string address, string name)
    {
        var endpoint = EndpointResolver.ParseHost(address, "test");
        Assert.Equal(name, EndpointSpec.PipeName(endpoint));
        Assert.Equal($"npipe:////./pipe/{name}", new EndpointSpec(endpoint, "test", "default", null).Address);
    }

    [Theory]
    [InlineData("ssh://me:secret@host", "InvalidEndpoint")]
    [InlineData("ssh://host/some/path", "InvalidEndpoint")]
    [InlineData("fd://", "EndpointNotSupported")]
    [InlineData("npipe:////build01/pipe/docker_engine", "InvalidEndpoint")]
    [InlineData("npipe:////./pipe/", "InvalidEndpoint")]
    [InlineData("npipe:////./docker_engine", "InvalidEndpoint")]
    [InlineData("http://host:2375", "InvalidEndpoint")]
    [InlineData("tcp://host:2375/path", "InvalidEndpoint")]
    [InlineData("tcp://", "InvalidEndpoint")]
    [InlineData("unix:://var/run/docker.sock", "InvalidEndpoint")]
    public void RejectsWhatItCannotUse(string address, string id)
    {
        var e = Assert.Throws<DockerEngineException>(() => EndpointResolver.ParseHost(address, "DOCKER_HOST"));
        Assert.Equal(id, e.Code.Id);
        Assert.Contains("DOCKER_HOST", e.Message);
    }

    [Fact]
    public void ErrorsNameWhatWasWrong()
    {
        Assert.Equal(ErrorCatalog.ContextNotFound, Assert.Throws<DockerEngineException>(() => Resolve(context: "ghost")).Code);
        Assert.Equal(ErrorCatalog.InvalidEndpoint, Assert.Throws<DockerEngineException>(() => Resolve(context: "default", host: "unix:///x")).Code);
    }

    [Fact]
    public void AConfigThatCannotBeReadLeavesTheDefaultAsInTheCli()
    {
        File.WriteAllText(Path.Combine(_config, "config.json"), """{ "currentContext": "ghost" """);

        var spec = Resolve();

        Assert.Equal(EndpointSpec.DefaultEndpoint, spec.Endpoint);
        Assert.Equal("default socket", spec.Source);
    }

    [Fact]
    public void DockerApiVersionPinsOrIsRejected()
    {
        _env["DOCKER_API_VERSION"] = "1.43";
        Assert.Equal(new Version(1, 43), Resolve().ApiVersion);
        _env["DOCKER_API_VERSION"] = "latest";
        Assert.Equal(ErrorCatalog.ApiVersionNotSupported, Assert.Throws<DockerEngineException>(() => Resolve()).Code);
    }

    private string CertDirectory(params string[] files)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_config, "certs-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(dir, file), "pem");
        }
        return dir;
    }

    [Fact]
    public void DockerTlsVerifyTurnsTlsOnForTcpWithTheCertPathFiles()
    {
        var dir = CertDirectory("ca.pem", "cert.pem", "key.pem");
        _env["DOCKER_HOST"] = "tcp://h:2376";
        _env["DOCKER_TLS_VERIFY"] = "0";
        _env["DOCKER_CERT_PATH"] = dir;

        var tls = Resolve().Tls;

        Assert.Equal(new TlsSettings(Path.Combine(dir, "ca.pem"), Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"), Verify: true), tls);
        Assert.Equal(tls, Resolve(host: "tcp://other:2376").Tls);
        Assert.Null(Resolve(host: "unix:///x.sock").Tls);
    }

    [Fact]
    public void DockerTlsAloneTurnsTlsOnWithoutVerifyingTheEngineAsInTheCli()
    {
        // The CLI: TLS with InsecureSkipVerify, the CA not even read, the client pair used when present.
        var dir = CertDirectory("cert.pem", "key.pem");
        _env["DOCKER_HOST"] = "tcp://h:2376";
        _env["DOCKER_TLS"] = "1";
        _env["DOCKER_CERT_PATH"] = dir;

        Assert.Equal(new TlsSettings(null, Path.Combine(dir, "cert.pem"), Path.Combine(dir, "key.pem"), Verify: false), Resolve().Tls);
        Assert.Null(Resolve(host: "unix:///x.sock").Tls);
        _env["DOCKER_CERT_PATH"] = CertDirectory();
        Assert.Equal(new TlsSettings(null, null, null, Verify: false), Resolve().Tls);
        // DOCKER_TLS_VERIFY wins: verified, so ca.pem is needed.
        _env["DOCKER_TLS_VERIFY"] = "1";
        Assert.Equal(ErrorCatalog.TlsCertificateNotFound, Assert.Throws<DockerEngineException>(() => Resolve()).Code);
    }

    [Fact]
    public void CertPathAloneLeavesTcpPlainAsInTheCli()
    {
        _env["DOCKER_HOST"] = "tcp://h:2376";
        _env["DOCKER_CERT_PATH"] = CertDirectory("ca.pem", "cert.pem", "key.pem");

        Assert.Null(Resolve().Tls);
    }

    [Fact]
    public void CertPathDefaultsToTheConfigDirectoryAndNeedsOnlyTheCa()
    {
        File.WriteAllText(Path.Combine(_config, "ca.pem"), "pem");
        _env["DOCKER_HOST"] = "tcp://h:2376";
        _env["DOCKER_TLS_VERIFY"] = "1";

        Assert.Equal(new TlsSettings(Path.Combine(_config, "ca.pem"), null, null, Verify: true), Resolve().Tls);
    }

    [Theory]
    [InlineData(new string[0], "ca.pem")]
    [InlineData(new[] { "ca.pem", "cert.pem" }, "key.pem")]
    [InlineData(new[] { "ca.pem", "key.pem" }, "cert.pem")]
    public void MissingTlsFilesAreNamed(string[] present, string missing)
    {
        _env["DOCKER_HOST"] = "tcp://h:2376";
        _env["DOCKER_TLS_VERIFY"] = "1";
        _env["DOCKER_CERT_PATH"] = CertDirectory(present);

        var error = Assert.Throws<DockerEngineException>(() => Resolve());

        Assert.Equal(ErrorCatalog.TlsCertificateNotFound, error.Code);
        Assert.Contains(Path.Combine(_env["DOCKER_CERT_PATH"], missing), error.Message);
    }

    [Fact]
    public void ContextsTakeTlsFromTheirStoreFiles()
    {
        AddContext("secure", "tcp://h:2376");
        AddContext("plain", "tcp://h:2375");
        AddContext("local", "unix:///x.sock");
        var tlsDir = Path.Combine(_config, "contexts", "tls", DockerCliConfig.ContextDirectoryName("secure"), "docker");
        Directory.CreateDirectory(tlsDir);
        File.WriteAllText(Path.Combine(tlsDir, "ca.pem"), "pem");
        File.WriteAllText(Path.Combine(tlsDir, "cert.pem"), "pem");
        File.WriteAllText(Path.Combine(tlsDir, "key.pem"), "pem");
        // The environment's TLS variables are for DOCKER_HOST, not for contexts.
        _env["DOCKER_TLS_VERIFY"] = "1";

        Assert.Equal(new TlsSettings(Path.Combine(tlsDir, "ca.pem"), Path.Combine(tlsDir, "cert.pem"), Path.Combine(tlsDir, "key.pem"), Verify: true), Resolve(context: "secure").Tls);
        Assert.Null(Resolve(context: "plain").Tls);
        Assert.Null(Resolve(context: "local").Tls);
    }

    [Fact]
    public void SkipTlsVerifyContextUsesTlsWithoutVerifying()
    {
        var dir = Path.Combine(_config, "contexts", "meta", DockerCliConfig.ContextDirectoryName("skip"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "meta.json"), """{"Name":"skip","Metadata":{},"Endpoints":{"docker":{"Host":"tcp://h:2376","SkipTLSVerify":true}}}""");

        Assert.Equal(new TlsSettings(null, null, null, Verify: false), Resolve(context: "skip").Tls);
    }

    [Fact]
    public void CurrentContextIsWhatDockerContextLsMarks()
    {
        AddContext("cfg", "unix:///cfg.sock");
        AddContext("env", "unix:///env.sock");
        string Current() => EndpointResolver.CurrentContextName(name => _env.GetValueOrDefault(name));

        Assert.Equal("default", Current());
        File.WriteAllText(Path.Combine(_config, "config.json"), """{"currentContext":"cfg"}""");
        Assert.Equal("cfg", Current());
        _env["DOCKER_CONTEXT"] = "env";
        Assert.Equal("env", Current());
        _env["DOCKER_HOST"] = "unix:///host.sock";
        Assert.Equal("default", Current());
    }

    [Fact]
    public void SpecsDifferingInTlsAreDifferentConnections()
    {
        var plain = new EndpointSpec(new Uri("tcp://h:2376"), "DOCKER_HOST", "default", null);
        var secure = plain with { Tls = new TlsSettings("/ca.pem", null, null, Verify: true) };

        Assert.NotEqual(plain, secure);
        Assert.Equal(secure, secure with { Tls = new TlsSettings("/ca.pem", null, null, Verify: true) });
        Assert.Equal("tcp://h:2376", secure.Address);
    }
}
