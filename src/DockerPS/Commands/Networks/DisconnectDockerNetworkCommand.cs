namespace DockerPS.Commands;

/// <summary><c>docker network disconnect</c>: detaches containers from a network.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "DockerNetwork", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class DisconnectDockerNetworkCommand : NetworkAttachmentCmdlet
{
    /// <summary>Detaches even when the engine cannot do it cleanly (for example, the container is not running as it expects).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override string Action => $"Disconnect from network {Network}";

    protected override Task ChangeAsync(string networkId, string container, CancellationToken cancellationToken) =>
        NetworkOperations.DisconnectAsync(TargetEngine, networkId, container, Force, cancellationToken);
}
