namespace DockerPS.Commands;

/// <summary>
/// <c>docker swarm init</c>: a new swarm with the engine as its first manager; writes the swarm, with its join tokens.
/// An engine already in a swarm is AlreadyInSwarm.
/// </summary>
[Cmdlet(VerbsData.Initialize, "DockerSwarm", SupportsShouldProcess = true)]
[OutputType(typeof(Swarm))]
public sealed class InitializeDockerSwarmCommand : SwarmMemberCmdlet
{
    /// <summary>The UDP port of overlay traffic (default 4789).</summary>
    [Parameter]
    [ValidateRange(1024, 49151)]
    public uint DataPathPort { get; set; }

    /// <summary>Address pools in CIDR notation that swarm networks take their subnets from.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? DefaultAddressPool { get; set; }

    /// <summary>The prefix length of the subnets taken from the pools (default 24).</summary>
    [Parameter]
    [ValidateRange(1, 32)]
    public uint SubnetSize { get; set; }

    /// <summary>Old tasks each service keeps per slot (default 5).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long TaskHistoryLimit { get; set; }

    /// <summary>Managers lock their keys at rest: a restarted one needs the unlock key.</summary>
    [Parameter]
    public SwitchParameter Autolock { get; set; }

    /// <summary>A swarm of one manager from the state of this one, after the others were lost.</summary>
    [Parameter]
    public SwitchParameter ForceNewCluster { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(TargetEngine.Name, "Initialize a swarm"))
        {
            return;
        }
        var spec = new SwarmInitSpec
        {
            Member = Member,
            DataPathPort = BoundOrNull(nameof(DataPathPort), DataPathPort),
            DefaultAddressPool = DefaultAddressPool ?? [],
            SubnetSize = BoundOrNull(nameof(SubnetSize), SubnetSize),
            TaskHistoryLimit = BoundOrNull(nameof(TaskHistoryLimit), TaskHistoryLimit),
            Autolock = Autolock,
            ForceNewCluster = ForceNewCluster,
        };
        Await(ct => SwarmOperations.InitAsync(TargetEngine, spec, ct));
        WriteObject(Await(ct => SwarmOperations.InspectAsync(TargetEngine, ct)));
    }
}
