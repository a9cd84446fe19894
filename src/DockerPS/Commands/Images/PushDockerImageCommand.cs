using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker push</c>: pushes one tag (<c>latest</c> when none is given), or every tag of a repository with -AllTags,
/// with per-layer progress; writes what the registry now serves, one object per tag with its digest.
/// </summary>
[Cmdlet(VerbsCommon.Push, "DockerImage", DefaultParameterSetName = ReferenceSet, SupportsShouldProcess = true)]
[OutputType(typeof(PushResult))]
public sealed class PushDockerImageCommand : ImageTransferCmdlet
{
    private const string ReferenceSet = "Reference";

    private string? _current;

    /// <summary>Local image references to push: <c>registry:5000/team/app:v1</c>; piped images bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ReferenceSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Every local tag of the repository (<c>docker push -a</c>); the name must not have a tag.</summary>
    [Parameter]
    public SwitchParameter AllTags { get; set; }

    protected override object? TargetOfItem => _current;

    protected override void ProcessItem()
    {
        foreach (var text in Name!)
        {
            _current = text;
            if (ParseReference(text, allowDigest: false) is not { } reference)
            {
                continue;
            }
            if (AllTags && reference.Tag is not null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{text}' has a tag; -AllTags takes a repository name."),
                    InvalidReference, ErrorCategory.InvalidArgument, text));
                continue;
            }
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
                    WriteNotFound(ImageNotFound, "local image", toPush.ToString());
                    return;
                }
                var credential = CredentialFor(toPush);
                var pushed = AwaitLayers($"Pushing {toPush}", (progress, ct) => RegistryOperations.PushAsync(TargetEngine, toPush, credential, progress, ct));
                WriteObject(pushed, enumerateCollection: true);
            });
        }
    }
}
