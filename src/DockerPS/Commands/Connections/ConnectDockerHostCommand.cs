using System.Security;
using DockerPS.Connection;

namespace DockerPS.Commands;

/// <summary>
/// Connects to an engine now and outputs it: for <c>ssh://</c> hosts, with a key file, a passphrase, a password or
/// trust in a new host key, which DOCKER_HOST and contexts cannot carry. The engine is not made a session default (the
/// docker CLI has no such thing): pipe it, or pass it to -Engine. Its connection is cached with those options.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "DockerHost", SupportsShouldProcess = true)]
[OutputType(typeof(DockerEngine))]
public sealed class ConnectDockerHostCommand : DockerCmdlet
{

    /// <summary>A user name and password to log in with (the address's user, if it names one, wins).</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>A private key file (OpenSSH, PEM or PKCS#8; ed25519, ecdsa or rsa) instead of ~/.ssh/config's and the default identities.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KeyFile { get; set; }

    /// <summary>The passphrase of an encrypted key file.</summary>
    [Parameter]
    public SecureString? Passphrase { get; set; }

    /// <summary>Trusts a host that is not in known_hosts yet and records its key there. A changed key is refused all the same.</summary>
    [Parameter]
    public SwitchParameter AcceptNewHostKey { get; set; }

    protected override object? TargetOfItem => (object?)DockerHost ?? (object?)Context ?? Engine;

    protected override void ProcessItem()
    {
        string? keyFile = null;
        if (KeyFile is not null)
        {
            keyFile = SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFile);
            if (!File.Exists(keyFile))
            {
                WriteError(ErrorFor(ErrorCatalog.KeyFileNotFound, new ItemNotFoundException($"Key file '{keyFile}' does not exist."), KeyFile));
                return;
            }
        }
        var engine = Credential is null && keyFile is null && Passphrase is null && !AcceptNewHostKey
            ? TargetEngine
            : TargetEngine.WithSsh(new SshSettings(keyFile, Passphrase, Credential?.UserName, Credential?.Password, AcceptNewHostKey));
        if (ShouldProcess(engine.Endpoint, AcceptNewHostKey ? "Connect, recording a new host key in known_hosts" : "Connect"))
        {
            Await(ct => engine.ConnectAsync(ct));
            WriteObject(engine);
        }
    }
}
