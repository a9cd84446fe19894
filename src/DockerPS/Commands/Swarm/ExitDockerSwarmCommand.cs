namespace DockerPS.Commands;

/// <summary>
/// <c>docker swarm leave</c>: the engine leaves its swarm; a manager whose leaving costs the swarm its quorum only with
/// -Force (else LeaveNeedsForce). An engine in no swarm is NotInSwarm.
/// </summary>
[Cmdlet(VerbsCommon.Exit, "DockerSwarm", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class ExitDockerSwarmCommand : DockerCmdlet
{
    /// <summary>Leaves even as a manager, which may cost the swarm its quorum (the last manager's leaving ends the swarm).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override object? TargetOfItem => TargetEngine;

    protected override void ProcessItem()
    {
        if (ShouldProcess(TargetEngine.Name, "Leave the swarm"))
        {
            Await(ct => SwarmOperations.LeaveAsync(TargetEngine, Force, ct));
        }
    }
}
