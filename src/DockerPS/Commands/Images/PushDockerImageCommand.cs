using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker push</c>: pushes one tag (<c>latest</c> when none is given), or every tag of a repository with -AllTags,
/// with per-layer progress; writes what the registry now serves, one object per tag with its digest. Several
/// references push at once, up to -ThrottleLimit, each with its own bars; results and errors come in input order.
/// </summary>
[Cmdlet(VerbsCommon.Push, "DockerImage", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
[OutputType(typeof(PushResult))]
public sealed class PushDockerImageCommand : RepositoryTransferCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

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
            var engine = TargetEngine;
            RegistryCredential credential;
            try
            {
                if (!LocalImages(toPush, AllTags).Any())
                {
                    InTurn(() => WriteNotFound(EngineObjectNoun.Image, toPush.ToString(), engine));
                    continue;
                }
                credential = CredentialFor(toPush);
            }
            catch (DockerPSException e)
            {
                InTurn(() => WriteError(ErrorFor(e, text)));
                continue;
            }
            var bars = new LayerBars(this, $"Pushing {toPush}");
            var push = StartCall(ct => RegistryOperations.PushAsync(engine, toPush, credential, bars.Progress, ct));
            Dispatch(push, () =>
            {
                bars.Write(done: true);
                RegistryStep(text, () => WriteObject(Await(push), enumerateCollection: true));
            }, Throttle.ThrottleLimit, () => bars.Write(done: false));
        }
    }

    /// <summary>Writes what an item found before its push, once the pushes before it are written: output keeps the input's order.</summary>
    private void InTurn(Action write) => Dispatch(Task.CompletedTask, write, Throttle.ThrottleLimit);
}
