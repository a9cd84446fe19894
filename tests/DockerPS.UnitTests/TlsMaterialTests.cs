using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DockerPS.Errors;
using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>Loading TLS material as the docker CLI accepts it, and telling a refused client certificate from other failures.</summary>
public sealed class TlsMaterialTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dockerps-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static X509Certificate2 SelfSigned(AsymmetricAlgorithm key, string subject) => key switch
    {
        RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddDays(1)),
        ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.Now.AddDays(-1), DateTimeOffset.Now.AddDays(1)),
        _ => throw new ArgumentException("unexpected key"),
    };

    public static TheoryData<string> KeyFormats() => ["rsa-pkcs1", "rsa-pkcs8", "ec-sec1", "ec-pkcs8"];

    [Theory]
    [MemberData(nameof(KeyFormats))]
    public void ClientCertificatesLoadWithRsaAndEcKeysInEitherPemForm(string format)
    {
        using AsymmetricAlgorithm key = format.StartsWith("rsa", StringComparison.Ordinal) ? RSA.Create(2048) : ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned(key, "CN=client");
        var keyPem = format switch
        {
            "rsa-pkcs1" => ((RSA)key).ExportRSAPrivateKeyPem(),
            "ec-sec1" => ((ECDsa)key).ExportECPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };

        using var loaded = TlsConnector.LoadClientCertificate(Write("cert.pem", certificate.ExportCertificatePem()), Write("key.pem", keyPem));

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public void AKeyThatIsNotTheCertificatesIsRefused()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        using var certificate = SelfSigned(key, "CN=client");

        var error = Assert.Throws<DockerEngineException>(() =>
            TlsConnector.LoadClientCertificate(Write("cert.pem", certificate.ExportCertificatePem()), Write("key.pem", other.ExportRSAPrivateKeyPem())));

        Assert.Equal(ErrorCatalog.TlsCertificateNotFound, error.Code);
        Assert.Contains("cert.pem", error.Message);
    }

    [Fact]
    public void CaBundlesLoadEveryCertificateAndAFileWithoutOneIsRefused()
    {
        using var a = ECDsa.Create();
        using var b = ECDsa.Create();
        var bundle = Write("ca.pem", SelfSigned(a, "CN=a").ExportCertificatePem() + "\n" + SelfSigned(b, "CN=b").ExportCertificatePem());

        Assert.Equal(["CN=a", "CN=b"], TlsConnector.LoadCa(bundle).Select(c => c.Subject));
        Assert.Equal(ErrorCatalog.TlsCertificateNotFound, Assert.Throws<DockerEngineException>(() => TlsConnector.LoadCa(Write("empty.pem", "no certificate here"))).Code);
    }

    [Theory]
    [InlineData("error:0A000412:SSL routines::sslv3 alert bad certificate", true)]
    [InlineData("error:0A00045C:SSL routines::tlsv13 alert certificate required", true)]
    [InlineData("error:0A000418:SSL routines::tlsv1 alert unknown ca", true)]
    [InlineData("Connection reset by peer", false)]
    [InlineData("error:0A00010B:SSL routines::wrong version number", false)]
    public void OnlyACertificateAlertFromTheEngineMeansTheClientCertificateWasRefused(string message, bool refused)
    {
        var failure = new IOException("The decryption operation failed", new System.Security.Authentication.AuthenticationException(message));

        var rejection = TlsStream.Rejection(failure, "/certs/cert.pem");

        Assert.Equal(refused, rejection?.Code == ErrorCatalog.TlsClientCertificateRejected);
        if (refused)
        {
            Assert.Contains("/certs/cert.pem", rejection!.Message);
            Assert.StartsWith("The engine wants a TLS client certificate and none is configured", TlsStream.Rejection(failure, null)!.Message);
        }
    }
}
