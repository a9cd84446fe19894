using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary><c>docker logout</c>: erases a registry's stored credentials from the credential helper and config.json's auths.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "DockerRegistry", DefaultParameterSetName = RegistrySet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class DisconnectDockerRegistryCommand : RegistryCmdlet
{
    private const string RegistrySet = "Registry";

    protected override void ProcessRegistry(string key)
    {
        if (!ShouldProcess(key, "Erase the stored credentials"))
        {
            return;
        }
        if (!Await(ct => RegistryCredentials.EraseAsync(CliConfig, key, ct)))
        {
            WriteError(ErrorFor(ErrorCatalog.RegistryLoginNotFound, new ItemNotFoundException($"No credentials are stored for {key}."), Registry));
        }
    }
}
