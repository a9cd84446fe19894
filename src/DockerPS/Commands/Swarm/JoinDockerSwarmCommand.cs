using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker swarm join</c>: the engine joins a swarm, as a worker or a manager as the token says (Get-DockerSwarm on a
/// manager shows both tokens). An engine already in a swarm is AlreadyInSwarm.
/// </summary>
[Cmdlet(VerbsCommon.Join, "DockerSwarm", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class JoinDockerSwarmCommand : SwarmMemberCmdlet
{
    /// <summary>Managers of the swarm, host[:port] (port 2377 when left out).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string[] RemoteAddress { get; set; } = null!;

    /// <summary>The join token, a worker's or a manager's.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Token { get; set; } = null!;

    /// <summary>The token is the same for every engine: text that is no token stops the cmdlet, and is never echoed.</summary>
    protected override void BeginProcessing()
    {
        if (!JoinToken.IsWellFormed(Token))
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidSyntax(nameof(Token)),
                new PSArgumentException("-Token is not a swarm join token (SWMTKN-1-…): take it from Get-DockerSwarm on a manager (WorkerJoinToken, ManagerJoinToken)."), null));
        }
    }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(TargetEngine.Name, $"Join the swarm of {string.Join(", ", RemoteAddress)}"))
        {
            return;
        }
        var spec = new SwarmJoinSpec
        {
            Token = Token,
            RemoteAddresses = RemoteAddress,
            Member = Member,
        };
        Await(ct => SwarmOperations.JoinAsync(TargetEngine, spec, ct));
    }
}
