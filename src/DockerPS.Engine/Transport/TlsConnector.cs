using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DockerPS.Connection;
using DockerPS.Errors;

namespace DockerPS.Transport;

/// <summary>
/// TLS over a connection the <see cref="EngineHandler"/> opened, inside its ConnectCallback, so pooled, streaming and
/// upgraded (hijacked) connections all get it, and a hijacked TLS connection can still close its sending side.
/// Verification follows the docker CLI: the engine's certificate must chain to the given CA (only that CA, not the
/// system's, when one is given; the system's otherwise) and name the host dialled; revocation is not checked. Failures
/// name the TLS files they are about; <see cref="DockerEngine.Failure"/> adds the engine and where it was configured
/// (a connection serves its endpoint however it was chosen).
/// </summary>
internal sealed class TlsConnector(TlsSettings settings, string host)
{
    public async ValueTask<Stream> AuthenticateAsync(SocketStream transport, CancellationToken cancellationToken)
    {
        string? untrusted = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            ClientCertificates = settings.CertificateFile is { } cert ? [ClientCertificate(cert, settings.KeyFile!)] : null,
            CertificateChainPolicy = ChainPolicy(),
            RemoteCertificateValidationCallback = (_, _, chain, errors) =>
            {
                if (!settings.Verify || errors == SslPolicyErrors.None)
                {
                    return true;
                }
                untrusted = Describe(errors, chain);
                return false;
            },
        };
        var tls = new TlsStream(transport, settings.CertificateFile);
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (AuthenticationException e)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            if (untrusted is not null)
            {
                throw new DockerEngineException(ErrorCatalog.TlsServerNotTrusted,
                    $"The engine's TLS certificate is not trusted: {untrusted}", e);
            }
            throw TlsStream.Rejection(e, settings.CertificateFile) ?? (Exception)new IOException($"TLS handshake failed: {e.Message}", e);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private X509ChainPolicy? ChainPolicy()
    {
        if (settings.CaFile is not { } caFile)
        {
            return null;
        }
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(LoadCa(caFile));
        return policy;
    }

    private X509Certificate2 ClientCertificate(string certFile, string keyFile)
    {
        var certificate = LoadClientCertificate(certFile, keyFile);
        // Windows' TLS (SChannel) cannot use an ephemeral key; a PKCS#12 round trip gives it a stored one.
        return OperatingSystem.IsWindows() ? new X509Certificate2(certificate.Export(X509ContentType.Pkcs12)) : certificate;
    }

    /// <summary>The certificates of a PEM CA file (a bundle may hold several); TlsCertificateNotFound when it holds none or cannot be read.</summary>
    internal static X509Certificate2Collection LoadCa(string caFile)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Unreadable(caFile, e.Message, e);
        }
        return collection.Count > 0 ? collection : throw Unreadable(caFile, "it holds no PEM certificate", null);
    }

    /// <summary>A PEM client certificate with its unencrypted PEM key: RSA (PKCS#1 or PKCS#8) or EC (SEC1 or PKCS#8), as the docker CLI reads them.</summary>
    internal static X509Certificate2 LoadClientCertificate(string certFile, string keyFile)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw Unreadable($"{certFile} with {keyFile}", e.Message, e);
        }
    }

    private static DockerEngineException Unreadable(string what, string why, Exception? e) =>
        new(ErrorCatalog.TlsCertificateNotFound, $"Cannot read the TLS material {what}: {why}", e);

    private string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            reasons.Add("it sent no certificate");
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add("the certificate does not name the host dialled");
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var status = chain?.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct() ?? [];
            var ca = settings.CaFile is { } file ? $"the CA in {file}" : "a CA the system trusts";
            reasons.Add($"the certificate does not chain to {ca}" + (status.Any() ? $" ({string.Join("; ", status)})" : ""));
        }
        return string.Join(", ", reasons);
    }
}

/// <summary>A TLS connection whose sending side can be closed alone: close_notify, then the socket's sending side.</summary>
internal sealed class TlsStream(SocketStream transport, string? clientCertificate) : SslStream(transport, leaveInnerStreamOpen: false), IWriteClosable
{
    public void CloseWrite()
    {
        ShutdownAsync().GetAwaiter().GetResult();
        transport.CloseWrite();
    }

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return base.Read(buffer);
        }
        catch (Exception e) when (Rejection(e, clientCertificate) is { } rejected)
        {
            throw AsStreamFailure(rejected);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Rejection(e, clientCertificate) is { } rejected)
        {
            throw AsStreamFailure(rejected);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer) => WriteAsync(buffer.ToArray()).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>
    /// An engine that refuses the client certificate (TLS 1.3: after the handshake) sends an alert and closes, so the
    /// first request's write fails with a reset; the alert is still waiting to be read, and says why.
    /// </summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            if (await AlertAfterAsync().ConfigureAwait(false) is { } rejected)
            {
                throw AsStreamFailure(rejected);
            }
            throw;
        }
    }

    private async Task<DockerEngineException?> AlertAfterAsync()
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await base.ReadAsync(new byte[1], budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException)
        {
            return Rejection(e, clientCertificate);
        }
        return null;
    }

    /// <summary>
    /// A refusal met while reading or writing, as streams fail: an IOException, which the HTTP stack passes on wrapped
    /// and <see cref="DockerEngine.Failure"/> unwraps, adding the engine.
    /// </summary>
    private static IOException AsStreamFailure(DockerEngineException rejected) => new(rejected.Message, rejected);

    /// <summary>
    /// A certificate alert from the engine is about our client certificate: missing, or not signed by a CA it trusts.
    /// With TLS 1.3 it comes after our side of the handshake is done, on the first read. .NET gives no alert code, only
    /// the TLS library's text, so that text is what is matched.
    /// </summary>
    internal static DockerEngineException? Rejection(Exception e, string? clientCertificate)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner.Message.Contains("alert", StringComparison.OrdinalIgnoreCase)
                && CertificateAlerts.Any(a => inner.Message.Contains(a, StringComparison.OrdinalIgnoreCase)))
            {
                return new DockerEngineException(ErrorCatalog.TlsClientCertificateRejected,
                    (clientCertificate is null ? "The engine wants a TLS client certificate and none is configured"
                        : $"The engine refused the TLS client certificate {clientCertificate}")
                    + $" (TLS: {inner.Message.Trim()}); it needs one signed by a CA it trusts", e);
            }
        }
        return null;
    }

    private static readonly string[] CertificateAlerts = ["bad certificate", "certificate required", "unknown ca", "certificate unknown", "unsupported certificate"];
}
