using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker login</c>: has the engine verify the credentials with the registry, then stores them where the docker CLI
/// would (the configured credential helper, else config.json's auths), so both tools use them.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "DockerRegistry", DefaultParameterSetName = RegistrySet, SupportsShouldProcess = true)]
[OutputType(typeof(RegistryLogin))]
public sealed class ConnectDockerRegistryCommand : RegistryCmdlet
{
    private const string RegistrySet = "Registry";

    /// <summary>The user name and password (or access token) for the registry.</summary>
    [Parameter(Mandatory = true)]
    [Credential]
    public PSCredential? Credential { get; set; }

    protected override void ProcessRegistry(string key)
    {
        if (!ShouldProcess(key, $"Log in as {Credential!.UserName} and store the credentials"))
        {
            return;
        }
        var credential = new RegistryCredential(key, Credential.UserName, Credential.GetNetworkCredential().Password);
        var login = Await(ct => RegistryOperations.LoginAsync(TargetEngine, CliConfig, credential, ct));
        WriteVerbose($"Credentials for {key} stored in {login.Store}.");
        WriteObject(login);
    }
}
