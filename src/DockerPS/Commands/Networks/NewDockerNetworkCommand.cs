using System.Collections;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker network create</c>: a network with the driver's defaults, or address pools from -Subnet (with
/// -Gateway and -IPRange going to the subnet that contains them); writes the new network. Addresses that do not
/// parse or fit are an Invalid&lt;Parameter&gt; error before any engine call; a name in use is NetworkExists.
/// </summary>
[Cmdlet(VerbsCommon.New, "DockerNetwork", SupportsShouldProcess = true)]
[OutputType(typeof(Network))]
public sealed class NewDockerNetworkCommand : DockerCmdlet
{

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>bridge (the default), overlay, macvlan, ipvlan, … or a plugin's name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Driver { get; set; } = "bridge";

    /// <summary>Subnets in CIDR notation, e.g. 172.20.0.0/16.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Subnet { get; set; }

    /// <summary>Gateway addresses, each inside one of the subnets.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Gateway { get; set; }

    /// <summary>The ranges containers get addresses from, in CIDR notation, each inside one of the subnets.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? IPRange { get; set; }

    /// <summary>No route out of the network.</summary>
    [Parameter]
    public SwitchParameter Internal { get; set; }

    /// <summary>Lets standalone containers join a swarm-scoped network.</summary>
    [Parameter]
    public SwitchParameter Attachable { get; set; }

    /// <summary>Gives the network IPv6 addresses too.</summary>
    [Parameter]
    public SwitchParameter IPv6 { get; set; }

    /// <summary>Labels, name to value.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Driver options, name to value, e.g. <c>@{ 'com.docker.network.bridge.name' = 'br-app' }</c>.</summary>
    [Parameter]
    public Hashtable? Option { get; set; }

    protected override object? TargetOfItem => Name;

    protected override void ProcessItem()
    {
        IReadOnlyList<IpamPool> pools;
        try
        {
            pools = IpamPool.Parse(Subnet ?? [], Gateway ?? [], IPRange ?? []);
        }
        catch (IpamFormatException e)
        {
            WriteError(ErrorFor(ErrorCatalog.InvalidSyntax(e.Parameter), e, e.Value));
            return;
        }
        if (!ShouldProcess(Name, "Create network"))
        {
            return;
        }
        var spec = new NetworkCreateSpec
        {
            Name = Name,
            Driver = Driver,
            Pools = pools,
            Internal = Internal,
            Attachable = Attachable,
            IPv6 = IPv6,
            Labels = Strings(Label),
            Options = Strings(Option),
        };
        var id = Await(ct => NetworkOperations.CreateAsync(TargetEngine, spec, ct));
        WriteObject(Await(ct => NetworkOperations.InspectAsync(TargetEngine, id, ct)));
    }
}
