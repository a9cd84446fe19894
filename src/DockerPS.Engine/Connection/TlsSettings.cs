using DockerPS.Errors;

namespace DockerPS.Connection;

/// <summary>
/// TLS for a tcp:// endpoint, as files (the docker CLI's ca.pem, cert.pem, key.pem): the CA that must have signed the
/// engine's certificate (null: the system's trust store), the client certificate and its key (both or neither), and
/// whether the engine's certificate is verified at all. Paths only, so no secret reaches a string or a log.
/// </summary>
public sealed record TlsSettings(string? CaFile, string? CertificateFile, string? KeyFile, bool Verify)
{
    /// <summary>The files given and whether the engine is verified, as <see cref="ValueMap"/> prints (a context's Tls in Export-Csv).</summary>
    public override string ToString() =>
        string.Join(',', new[] { (nameof(CaFile), CaFile), (nameof(CertificateFile), CertificateFile), (nameof(KeyFile), KeyFile), (nameof(Verify), Verify.ToString()) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));

    public const string CaFileName = "ca.pem";
    public const string CertificateFileName = "cert.pem";
    public const string KeyFileName = "key.pem";

    /// <summary>
    /// The files of DOCKER_CERT_PATH, as the docker CLI reads them: cert.pem and key.pem are used when present; verifying
    /// the engine (DOCKER_TLS_VERIFY) needs ca.pem, and without verification (DOCKER_TLS alone) it is not read.
    /// </summary>
    public static TlsSettings FromCertPath(string directory, bool verify, string source)
    {
        var ca = Path.Combine(directory, CaFileName);
        if (verify && !File.Exists(ca))
        {
            throw NotFound(ca, source);
        }
        var (cert, key) = ClientPair(directory, source);
        return new TlsSettings(verify ? ca : null, cert, key, verify);
    }

    /// <summary>
    /// TLS material of a context (its files in the context store, each optional), or null when it has none and does not
    /// skip verification: then the endpoint is plain, as for the docker CLI.
    /// </summary>
    public static TlsSettings? FromContextStore(string directory, bool skipVerify, string source)
    {
        var ca = Path.Combine(directory, CaFileName);
        var (cert, key) = ClientPair(directory, source);
        var hasCa = File.Exists(ca);
        return hasCa || cert is not null || skipVerify ? new TlsSettings(hasCa ? ca : null, cert, key, !skipVerify) : null;
    }

    private static (string?, string?) ClientPair(string directory, string source)
    {
        var cert = Path.Combine(directory, CertificateFileName);
        var key = Path.Combine(directory, KeyFileName);
        return (File.Exists(cert), File.Exists(key)) switch
        {
            (true, true) => (cert, key),
            (false, false) => (null, null),
            (true, false) => throw NotFound(key, source),
            (false, true) => throw NotFound(cert, source),
        };
    }

    private static DockerEngineException NotFound(string path, string source) =>
        new(ErrorCatalog.TlsCertificateNotFound, $"TLS file {path} ({source}) does not exist.");
}
