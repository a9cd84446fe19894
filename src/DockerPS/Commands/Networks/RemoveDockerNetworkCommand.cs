namespace DockerPS.Commands;

/// <summary>
/// <c>docker network rm</c>: networks named by name (wildcards expanded by listing), id or id prefix, or piped. An
/// unknown one is NetworkNotFound; one with containers attached is NetworkInUse; the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerNetwork", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerNetworkCommand : NetworkCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    protected override void ProcessNetwork(string network)
    {
        if (ShouldProcess(network, "Remove network"))
        {
            Dispatch((engine, ct) => NetworkOperations.RemoveAsync(engine, network, ct));
        }
    }
}
