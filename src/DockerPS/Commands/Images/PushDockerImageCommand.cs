namespace DockerPS.Commands;

/// <summary>
/// <c>docker push</c>: pushes one tag (<c>latest</c> when none is given), or every tag of a repository with -AllTags,
/// with per-layer progress; writes what the registry now serves, one object per tag with its digest.
/// </summary>
[Cmdlet(VerbsCommon.Push, "DockerImage", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
[OutputType(typeof(PushResult))]
public sealed class PushDockerImageCommand : RepositoryTransferCmdlet
{
    protected override void ProcessItem()
    {
        foreach (var (text, reference) in References(allowDigest: false))
        {
            // As the docker CLI (20.10+): no tag means latest unless every tag is asked for.
            var toPush = AllTags ? reference : reference with { Tag = reference.Tag ?? "latest" };
            if (!ShouldProcess(toPush.ToString(), AllTags ? "Push all tags" : "Push"))
            {
                continue;
            }
            RegistryStep(text, () =>
            {
                if (!LocalImages(toPush, AllTags).Any())
                {
                    WriteNotFound(EngineObjectNoun.Image, toPush.ToString());
                    return;
                }
                var credential = CredentialFor(toPush);
                var pushed = AwaitLayers($"Pushing {toPush}", (progress, ct) => RegistryOperations.PushAsync(TargetEngine, toPush, credential, progress, ct));
                WriteObject(pushed, enumerateCollection: true);
            });
        }
    }
}
