namespace DockerPS.Commands;

/// <summary>
/// <c>docker pull</c>: pulls images by reference (tag, digest, or every tag with -AllTags) with per-layer progress,
/// and writes the pulled images as the engine now lists them.
/// </summary>
[Cmdlet(VerbsLifecycle.Request, "DockerImage", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
[Alias("Pull-DockerImage")]
[OutputType(typeof(Image))]
public sealed class RequestDockerImageCommand : RepositoryTransferCmdlet
{
    /// <summary>The platform to pull for a multi-platform image, e.g. <c>linux/arm64</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    protected override void ProcessItem()
    {
        foreach (var (text, reference) in References(allowDigest: true))
        {
            if (!ShouldProcess(reference.ToString(), AllTags ? "Pull all tags" : "Pull"))
            {
                continue;
            }
            RegistryStep(text, () =>
            {
                PullImage(reference, AllTags, Platform, CredentialFor(reference));
                WriteObject(LocalImages(reference, AllTags), enumerateCollection: true);
            });
        }
    }
}
