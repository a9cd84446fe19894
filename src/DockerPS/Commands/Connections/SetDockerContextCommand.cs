using DockerPS.Completion;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context update NAME --description … --docker host=…,ca=…,cert=…,key=…,skip-tls-verify=…</c>: changes a
/// context in the docker CLI's store. The next call that uses the context, the current one included, reads the change.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DockerContext", SupportsShouldProcess = true)]
[OutputType(typeof(DockerContext))]
public sealed class SetDockerContextCommand : ContextEndpointCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The new description (<c>--description</c>); an empty one removes it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>The new engine address (<c>--docker host=</c>); the context's own when only TLS settings are given.</summary>
    [Parameter]
    [Alias("H", "DockerEndpoint")]
    [ValidateNotNullOrEmpty]
    public string? DockerHost { get; set; }

    /// <summary>Writes the context as it now is.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Update docker context"))
        {
            return;
        }
        try
        {
            var (ca, certificate, key) = TlsFiles;
            var context = ContextStore.Update(Name, Description, DockerHost, ca, certificate, key,
                MyInvocation.BoundParameters.ContainsKey(nameof(SkipTlsVerify)) ? SkipTlsVerify.IsPresent : null);
            if (PassThru)
            {
                WriteObject(context);
            }
        }
        catch (DockerEngineException e)
        {
            WriteContextError(e, Name, DockerHost);
        }
    }
}
