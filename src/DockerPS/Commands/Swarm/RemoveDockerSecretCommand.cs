namespace DockerPS.Commands;

/// <summary>
/// <c>docker secret rm</c>: removes secrets by name (wildcards expanded by listing), id or id prefix, or piped. A secret a
/// service uses stays: a SecretInUse error for it, and the pipeline goes on.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerSecret", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerSecretCommand : SecretCmdlet
{
    protected override void ProcessSecret(string secret)
    {
        if (ShouldProcess(secret, "Remove secret"))
        {
            Dispatch((engine, ct) => SecretOperations.RemoveAsync(engine, secret, ct));
        }
    }
}
