using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// TCP+TLS with the docker CLI's variables, against the test engine's TLS listener (tests/env/up.sh): the CA and client
/// certificate up.sh made, a client certificate from another CA, a CA that did not sign the engine's certificate.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class TlsTests(EngineFixture fixture) : IDisposable
{
    private const string Cmdlet = "DockerPS.Commands.GetDockerContainerCommand";
    private readonly PowerShellSession _ps = fixture.Session;

    public void Dispose() => TestEnvironment.ResetEnvironment();

    private static void UseTls(string? certDirectory, string? verify = "1", string? host = null)
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", host ?? TestEnvironment.TlsHost);
        Environment.SetEnvironmentVariable("DOCKER_TLS_VERIFY", verify);
        Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", certDirectory is null ? null : Path.Combine(TestEnvironment.TlsDirectory, certDirectory));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public void DockerTlsVerifyWithCertPathReachesTheEngine(string hostName)
    {
        var host = TestEnvironment.TlsHost.Replace("127.0.0.1", hostName, StringComparison.Ordinal);
        UseTls("client", host: host);

        var result = _ps.Run($"Get-DockerContainer -Name {fixture.RunningName}");

        Assert.Empty(result.Errors);
        var engine = PSObject.AsPSObject(Assert.Single(result.Output).Properties["Engine"].Value);
        Assert.Equal(host, engine.Properties["Endpoint"].Value);
        Assert.Equal(fixture.RunningName, DockerCli.Run("ps", "--filter", $"name={fixture.RunningName}", "--format", "{{.Names}}").Trim());
    }

    [Fact]
    public void AnyDockerTlsVerifyValueTurnsVerificationOnAsInTheCli()
    {
        // The CLI checks only that DOCKER_TLS_VERIFY is set: "0" verifies too, so the untrusted CA is refused.
        UseTls("untrusted", verify: "0");

        Assert.Equal($"TlsServerNotTrusted,{Cmdlet}", Assert.Single(_ps.Run("Get-DockerContainer").ErrorIds));
    }

    [Fact]
    public void PlainTcpToTheTlsPortSaysTheEngineRequiresTls()
    {
        UseTls(null, verify: null);

        var error = Assert.Single(_ps.Run("Get-DockerContainer").Errors);

        Assert.Equal($"EngineRequiresTls,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
        Assert.Contains("DOCKER_TLS_VERIFY", error.Exception.Message);
    }

    [Fact]
    public void DockerCertPathAloneDoesNotTurnTlsOnAsInTheCli()
    {
        UseTls("client", verify: null);

        Assert.Equal($"EngineRequiresTls,{Cmdlet}", Assert.Single(_ps.Run("Get-DockerContainer").ErrorIds));
    }

    [Fact]
    public void EngineCertificateFromAnotherCaIsNotTrusted()
    {
        UseTls("untrusted");

        var error = Assert.Single(_ps.Run("Get-DockerContainer").Errors);

        Assert.Equal($"TlsServerNotTrusted,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        // The engine with where it was configured, and the CA file that does not trust it.
        Assert.StartsWith($"Docker engine {TestEnvironment.TlsHost} (DOCKER_HOST): The engine's TLS certificate is not trusted: " +
            $"the certificate does not chain to the CA in {Path.Combine(TestEnvironment.TlsDirectory, "untrusted", "ca.pem")}", error.Exception.Message);
    }

    [Fact]
    public void ClientCertificateFromAnotherCaIsRejected()
    {
        UseTls("rogue-client");

        var error = Assert.Single(_ps.Run("Get-DockerContainer").Errors);

        Assert.Equal($"TlsClientCertificateRejected,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.StartsWith($"Docker engine {TestEnvironment.TlsHost} (DOCKER_HOST): The engine refused the TLS client certificate " +
            Path.Combine(TestEnvironment.TlsDirectory, "rogue-client", "cert.pem"), error.Exception.Message);
    }

    [Fact]
    public void DockerTlsAloneUsesTlsWithoutVerifyingTheEngineAsTheCliDoes()
    {
        // The client pair the engine trusts, with a CA that did not sign the engine's certificate: refused when verified,
        // taken by DOCKER_TLS, which does not verify (nor read ca.pem), for DockerPS and the docker CLI alike.
        var certs = Directory.CreateTempSubdirectory("dockerps-tls-only-").FullName;
        try
        {
            File.Copy(Path.Combine(TestEnvironment.TlsDirectory, "untrusted", "ca.pem"), Path.Combine(certs, "ca.pem"));
            foreach (var file in new[] { "cert.pem", "key.pem" })
            {
                File.Copy(Path.Combine(TestEnvironment.TlsDirectory, "client", file), Path.Combine(certs, file));
            }
            UseTls(null, verify: null);
            Environment.SetEnvironmentVariable("DOCKER_TLS", "1");
            Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", certs);
            var cli = DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = TestEnvironment.TlsHost, ["DOCKER_TLS"] = "1", ["DOCKER_CERT_PATH"] = certs },
                "ps", "--filter", $"name={fixture.RunningName}", "--format", "{{.Names}}");

            var result = _ps.Run($"Get-DockerContainer -Name {fixture.RunningName}");
            Environment.SetEnvironmentVariable("DOCKER_TLS_VERIFY", "1");
            var verified = _ps.Run($"Get-DockerContainer -Name {fixture.RunningName}");

            Assert.Equal(fixture.RunningName, cli.Trim());
            Assert.Empty(result.Errors);
            Assert.Equal(TestEnvironment.TlsHost, PSObject.AsPSObject(Assert.Single(result.Output).Properties["Engine"].Value).Properties["Endpoint"].Value);
            Assert.Equal($"TlsServerNotTrusted,{Cmdlet}", Assert.Single(verified.ErrorIds));
        }
        finally
        {
            Directory.Delete(certs, recursive: true);
        }
    }

    [Fact]
    public void TheClientKeyAppearsInNoStream()
    {
        // A working call and a refused one (the rogue client's key), with everything shown.
        UseTls("client");
        var working = _ps.Run("Get-DockerContainer -Verbose -Debug | Out-Default; Get-DockerVersion -Debug | Out-Default");
        UseTls("rogue-client");
        var refused = _ps.Run("Get-DockerContainer -Verbose -Debug; $Error[0].Exception.ToString()");

        Assert.Empty(working.Errors);
        Assert.Equal($"TlsClientCertificateRejected,{Cmdlet}", Assert.Single(refused.Errors).FullyQualifiedErrorId);
        Assert.NotEmpty(working.Debug);
        var everything = string.Join('\n', new[] { working, refused }.SelectMany(r => r.Verbose.Select(v => v.Message)
            .Concat(r.Debug.Select(d => d.Message)).Concat(r.Warnings.Select(w => w.Message))
            .Concat(r.Errors.Select(e => $"{e} {e.Exception} {e.TargetObject}")).Concat(r.Output.Select(o => o.ToString())).Append(r.HostText)));
        foreach (var key in new[] { "client", "rogue-client" })
        {
            var body = File.ReadAllLines(Path.Combine(TestEnvironment.TlsDirectory, key, "key.pem")).Where(l => !l.StartsWith("-----", StringComparison.Ordinal));
            Assert.All(body, line => Assert.DoesNotContain(line, everything));
        }
    }

    [Fact]
    public void NoClientCertificateSaysNoneIsConfigured()
    {
        var caOnly = Directory.CreateTempSubdirectory("dockerps-ca-only-").FullName;
        try
        {
            File.Copy(Path.Combine(TestEnvironment.TlsDirectory, "client", "ca.pem"), Path.Combine(caOnly, "ca.pem"));
            UseTls(null);
            Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", caOnly);

            var error = Assert.Single(_ps.Run("Get-DockerContainer").Errors);

            Assert.Equal($"TlsClientCertificateRejected,{Cmdlet}", error.FullyQualifiedErrorId);
            Assert.StartsWith($"Docker engine {TestEnvironment.TlsHost} (DOCKER_HOST): The engine wants a TLS client certificate and none is configured",
                error.Exception.Message);
        }
        finally
        {
            Directory.Delete(caOnly, recursive: true);
        }
    }

    [Fact]
    public void MissingCertificateFilesAreNamed()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"dockerps-no-certs-{fixture.RunId}");
        UseTls(null);
        Environment.SetEnvironmentVariable("DOCKER_CERT_PATH", missing);

        // Which engine to use is wrong for the whole invocation: a terminating error, as for an unknown context.
        var result = _ps.Run("try { Get-DockerContainer } catch { $_ }");

        var error = (ErrorRecord)Assert.Single(result.Output).BaseObject;
        Assert.Equal($"TlsCertificateNotFound,{Cmdlet}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains(Path.Combine(missing, "ca.pem"), error.Exception.Message);
    }

    [Fact]
    public void ExecInputEndsOverTls()
    {
        // The engine reads end-of-input only when the hijacked TLS connection closes its sending side (close_notify).
        UseTls("client");

        var result = _ps.Run($"'one', 'two' | Invoke-DockerExec {fixture.RunningName} -Command wc, '-l'");

        Assert.Empty(result.Errors);
        Assert.Equal("2", string.Concat(result.Output.Select(o => o.BaseObject.ToString())).Trim());
    }
}
