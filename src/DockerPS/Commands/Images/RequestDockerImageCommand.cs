using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker pull</c>: pulls images by reference (tag, digest, or every tag with -AllTags) with per-layer progress,
/// and writes the pulled images as the engine now lists them.
/// </summary>
[Cmdlet(VerbsLifecycle.Request, "DockerImage", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
[Alias("Pull-DockerImage")]
[OutputType(typeof(Image))]
public sealed class RequestDockerImageCommand : ImageTransferCmdlet
{
    private const string ReferenceSet = "Reference";

    private string? _current;

    /// <summary>Image references: <c>busybox</c>, <c>registry:5000/team/app:v1</c>, <c>app@sha256:…</c>.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReferenceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Every tag of the repository (<c>docker pull -a</c>); the name must not have a tag or digest.</summary>
    [Parameter]
    public SwitchParameter AllTags { get; set; }

    /// <summary>The platform to pull for a multi-platform image, e.g. <c>linux/arm64</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    protected override object? TargetOfItem => _current;

    protected override void ProcessItem()
    {
        foreach (var text in Name!)
        {
            _current = text;
            if (ParseReference(text, allowDigest: true) is not { } reference)
            {
                continue;
            }
            if (AllTags && (reference.Tag ?? reference.Digest) is not null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{text}' has a tag or digest; -AllTags takes a repository name."),
                    InvalidReference, ErrorCategory.InvalidArgument, text));
                continue;
            }
            if (!ShouldProcess(reference.ToString(), AllTags ? "Pull all tags" : "Pull"))
            {
                continue;
            }
            RegistryStep(text, () =>
            {
                var credential = CredentialFor(reference);
                AwaitLayers($"Pulling {reference}", (progress, ct) =>
                    RegistryOperations.PullAsync(TargetEngine, reference, AllTags, Platform, credential, progress, ct));
                WriteObject(LocalImages(reference, AllTags), enumerateCollection: true);
            });
        }
    }
}
