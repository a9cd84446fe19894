namespace DockerPS.Commands;

/// <summary>
/// The docker endpoint settings of a context (the CLI's <c>--docker ca=…,cert=…,key=…,skip-tls-verify=…</c>), shared by
/// New-DockerContext and Set-DockerContext, with the error target each failure names.
/// </summary>
public abstract class ContextEndpointCmdlet : PSCmdlet
{
    /// <summary>The CA certificate (PEM) that signed the engine's certificate (<c>ca=</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsCACertificate { get; set; }

    /// <summary>The client certificate (PEM) to present (<c>cert=</c>); needs -TlsKey.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsCertificate { get; set; }

    /// <summary>The client certificate's private key (PEM, unencrypted, RSA or EC) (<c>key=</c>); needs -TlsCertificate.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsKey { get; set; }

    /// <summary>Uses TLS without verifying the engine's certificate (<c>skip-tls-verify=true</c>).</summary>
    [Parameter]
    public SwitchParameter SkipTlsVerify { get; set; }

    /// <summary>The TLS files as paths PowerShell means (relative to the current location, ~ expanded): CA, certificate, key.</summary>
    private protected (string? Ca, string? Certificate, string? Key) TlsFiles => (LocalPath(TlsCACertificate), LocalPath(TlsCertificate), LocalPath(TlsKey));

    /// <summary>The failure with the input at fault as its target: the endpoint, the TLS files as given, else the context name.</summary>
    private protected void WriteContextError(DockerEngineException e, string name, string? host)
    {
        object target = (e.Code == ErrorCatalog.InvalidEndpoint || e.Code == ErrorCatalog.EndpointNotSupported) && host is not null ? host
            : e.Code == ErrorCatalog.TlsCertificateNotFound ? new[] { TlsCACertificate, TlsCertificate, TlsKey }.OfType<string>().ToArray()
            : name;
        WriteError(DockerCmdlet.ErrorFor(e, target));
    }

    private string? LocalPath(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);
}
