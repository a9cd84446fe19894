using DockerPS.Completion;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker context rm</c>: removes contexts from the docker CLI's store, by name (wildcards) or piped objects with a
/// Name. As the CLI, it refuses the built-in <c>default</c> context, and the current one unless -Force is given.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerContext", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerContextCommand : PSCmdlet
{

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Removes the current context too (<c>docker context rm -f</c>); config.json then has none.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void BeginProcessing() => DockerCmdlet.WarnOfUnreadableConfig(this);

    protected override void ProcessRecord()
    {
        IReadOnlyList<string> names;
        try
        {
            names = DockerListCmdlet.ExpandWildcards(Name, () => ContextStore.List().Select(c => c.Name).Where(n => n != EndpointSpec.DefaultContextName));
        }
        catch (DockerEngineException e)
        {
            WriteError(DockerCmdlet.ErrorFor(e, Name));
            return;
        }
        foreach (var name in names)
        {
            if (!ShouldProcess(name, "Remove docker context"))
            {
                continue;
            }
            try
            {
                ContextStore.Remove(name, Force);
            }
            catch (DockerEngineException e)
            {
                WriteError(DockerCmdlet.ErrorFor(e, name));
            }
        }
    }
}
