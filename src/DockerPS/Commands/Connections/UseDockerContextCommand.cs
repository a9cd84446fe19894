using DockerPS.Completion;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context use</c>: makes a context the current one in config.json (<c>currentContext</c>; <c>default</c>
/// removes it), keeping every other key of the file. Warns when DOCKER_HOST or DOCKER_CONTEXT overrides it.
/// </summary>
[Cmdlet(VerbsOther.Use, "DockerContext", SupportsShouldProcess = true)]
[OutputType(typeof(DockerContext))]
public sealed class UseDockerContextCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>Writes the context that is now current.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, "Make the current docker context"))
        {
            return;
        }
        try
        {
            ContextStore.Use(Name);
            WarnWhenOverridden();
            if (PassThru)
            {
                WriteObject(ContextStore.Get(Name));
            }
        }
        catch (DockerEngineException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, Name));
        }
    }

    /// <summary>
    /// As <c>docker context use</c> does for DOCKER_HOST; DockerPS also says so for DOCKER_CONTEXT, which overrides
    /// config.json just the same (the CLI is silent about it).
    /// </summary>
    private void WarnWhenOverridden()
    {
        var variable = new[] { EndpointResolver.HostVariable, EndpointResolver.ContextVariable }
            .FirstOrDefault(v => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v)));
        if (variable is not null)
        {
            WriteWarning($"{variable} overrides the current context. To use '{Name}', pass -Context {Name} or remove {variable} ($env:{variable} = $null).");
        }
    }
}
