using System.Security;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker swarm unlock</c>: a manager that restarted locked (autolock) takes up its part in the swarm again. The key
/// is a SecureString or text, asked for (masked) when left out. A wrong key is InvalidUnlockKey; an engine that is not
/// locked SwarmNotLocked.
/// </summary>
[Cmdlet(VerbsCommon.Unlock, "DockerSwarm", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class UnlockDockerSwarmCommand : DockerCmdlet
{
    /// <summary>The swarm's unlock key (SWMKEY-1-…), as Get-DockerSwarmUnlockKey shows it on a manager.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [SecureTextTransformation]
    public SecureString UnlockKey { get; set; } = null!;

    protected override object? TargetOfItem => TargetEngine;

    protected override void ProcessItem()
    {
        if (ShouldProcess(TargetEngine.Name, "Unlock the swarm"))
        {
            Await(ct => SwarmOperations.UnlockAsync(TargetEngine, UnlockKey, ct));
        }
    }
}
