using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context create NAME --docker host=…,ca=…,cert=…,key=…,skip-tls-verify=…</c>: writes the context into the
/// docker CLI's store (meta.json, and copies of the TLS files), so <c>docker --context NAME</c> works with it too.
/// </summary>
[Cmdlet(VerbsCommon.New, "DockerContext", SupportsShouldProcess = true)]
[OutputType(typeof(DockerContext))]
public sealed class NewDockerContextCommand : ContextEndpointCmdlet
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

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, $"Create docker context for {DockerHost}"))
        {
            return;
        }
        try
        {
            var (ca, certificate, key) = TlsFiles;
            WriteObject(ContextStore.Create(Name, Description, DockerHost, ca, certificate, key, SkipTlsVerify));
        }
        catch (DockerEngineException e)
        {
            WriteContextError(e, Name, DockerHost);
        }
    }
}
