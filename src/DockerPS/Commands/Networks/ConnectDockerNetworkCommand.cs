using System.Net.Sockets;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker network connect</c>: attaches containers to a network, with extra DNS aliases and a static IPv4 address
/// if given (an address that does not parse is InvalidIPAddress, before any engine call).
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "DockerNetwork", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class ConnectDockerNetworkCommand : NetworkAttachmentCmdlet
{

    /// <summary>More names the container answers to on this network's DNS.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Alias { get; set; }

    /// <summary>A static IPv4 address for the container on this network (the network needs a -Subnet that contains it).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? IPAddress { get; set; }

    protected override void BeginProcessing()
    {
        if (IPAddress is not null && IpamPool.ParseAddress(IPAddress)?.AddressFamily != AddressFamily.InterNetwork)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidSyntax(nameof(IPAddress)), new FormatException($"'{IPAddress}' is not an IPv4 address."), IPAddress));
        }
    }

    protected override string Action => $"Connect to network {Network}";

    protected override Task ChangeAsync(string networkId, string container, CancellationToken cancellationToken) =>
        NetworkOperations.ConnectAsync(TargetEngine, networkId, container, Alias ?? [], IPAddress, cancellationToken);
}
