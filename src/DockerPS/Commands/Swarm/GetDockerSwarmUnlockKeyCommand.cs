using System.Net;
using System.Security;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker swarm unlock-key -q</c>: the key that unlocks a manager of the swarm after it restarts (autolock), as a
/// SecureString, or with -AsPlainText as text. A swarm without autolock has none (NoUnlockKey).
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerSwarmUnlockKey")]
[OutputType(typeof(SecureString), typeof(string))]
public sealed class GetDockerSwarmUnlockKeyCommand : DockerCmdlet
{
    /// <summary>Writes the key as plain text rather than as a SecureString.</summary>
    [Parameter]
    public SwitchParameter AsPlainText { get; set; }

    protected override object? TargetOfItem => TargetEngine;

    protected override void ProcessItem()
    {
        var key = AwaitOnEachEngine(SwarmOperations.UnlockKeyAsync);
        WriteObject(AsPlainText ? key : new NetworkCredential(string.Empty, key).SecurePassword);
    }
}
