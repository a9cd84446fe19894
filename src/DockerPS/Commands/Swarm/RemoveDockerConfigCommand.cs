namespace DockerPS.Commands;

/// <summary>
/// <c>docker config rm</c>: removes configs by name (wildcards expanded by listing), id or id prefix, or piped. A config a
/// service uses stays: a ConfigInUse error for it, and the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerConfig", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerConfigCommand : ConfigCmdlet
{
    protected override void ProcessConfig(string config)
    {
        if (ShouldProcess(config, "Remove config"))
        {
            Dispatch((engine, ct) => ConfigOperations.RemoveAsync(engine, config, ct));
        }
    }
}
