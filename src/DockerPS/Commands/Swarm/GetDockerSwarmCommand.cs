namespace DockerPS.Commands;

/// <summary>
/// The swarm an engine manages (the swarm inspect call), with its settings and the join tokens that
/// <c>docker swarm join-token</c> shows. An engine that is not a manager is NotSwarmManager.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerSwarm")]
[OutputType(typeof(Swarm))]
public sealed class GetDockerSwarmCommand : DockerCmdlet
{
    protected override void ProcessItem() => WriteObject(AwaitOnEachEngine(SwarmOperations.InspectAsync));
}
