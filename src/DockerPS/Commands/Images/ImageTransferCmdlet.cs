using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// What pull, push and build share: registry credentials resolved as the docker CLI does (-Credential, else
/// config.json's helpers and auths), and registry failures as errors; their per-layer progress is
/// <see cref="DockerCmdlet"/>'s (<c>.Pulling</c>), which the create cmdlets' -Pull shares.
/// </summary>
public abstract class ImageTransferCmdlet : DockerCmdlet
{
    /// <summary>Credentials for the image's registry; without them the docker CLI's stored credentials are used.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The credentials for <paramref name="reference"/>'s registry: -Credential, else stored ones, else none.</summary>
    protected RegistryCredential CredentialFor(ImageReference reference)
    {
        var key = RegistryCredentials.KeyFor(reference.Domain);
        if (Credential is not null)
        {
            return new RegistryCredential(key, Credential.UserName, Credential.GetNetworkCredential().Password);
        }
        return StoredCredentialFor(reference);
    }

    /// <summary>Runs one registry step of an item that names several images: its failure is an error about <paramref name="target"/>, and the next step goes on.</summary>
    protected void RegistryStep(object target, Action step)
    {
        try
        {
            step();
        }
        catch (DockerPSException e)
        {
            WriteError(ErrorFor(e, target));
        }
    }
}
