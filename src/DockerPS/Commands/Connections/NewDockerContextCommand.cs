using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context create NAME --docker host=…,ca=…,cert=…,key=…,skip-tls-verify=…</c>: writes the context into the
/// docker CLI's store (meta.json, and copies of the TLS files), so <c>docker --context NAME</c> works with it too.
/// </summary>
[Cmdlet(VerbsCommon.New, "DockerContext", SupportsShouldProcess = true)]
[OutputType(typeof(DockerContext))]
public sealed class NewDockerContextCommand : PSCmdlet
{

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The engine address (<c>unix:///path</c>, <c>tcp://host:port</c>).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("H", "DockerEndpoint")]
    [ValidateNotNullOrEmpty]
    public string DockerHost { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

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

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, $"Create docker context for {DockerHost}"))
        {
            return;
        }
        try
        {
            WriteObject(ContextStore.Create(Name, Description, DockerHost, LocalPath(TlsCACertificate), LocalPath(TlsCertificate), LocalPath(TlsKey), SkipTlsVerify));
        }
        catch (DockerEngineException e)
        {
            // The input at fault: the endpoint, the TLS files as given, else the name.
            object target = e.Code == ErrorCatalog.InvalidEndpoint || e.Code == ErrorCatalog.EndpointNotSupported ? DockerHost
                : e.Code == ErrorCatalog.TlsCertificateNotFound ? new[] { TlsCACertificate, TlsCertificate, TlsKey }.OfType<string>().ToArray()
                : Name;
            WriteError(DockerCmdlet.ErrorFor(e, target));
        }
    }

    /// <summary>A path as PowerShell means it (relative to the current location, ~ expanded).</summary>
    private string? LocalPath(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);
}
