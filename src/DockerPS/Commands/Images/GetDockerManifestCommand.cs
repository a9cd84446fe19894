using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker manifest inspect</c>: what the registry serves for an image reference (media type, digest, size) and the
/// platforms it has images for, asked through the engine with the credentials a pull would use.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerManifest")]
[OutputType(typeof(Manifest))]
public sealed class GetDockerManifestCommand : ImageTransferCmdlet
{
    private string? _current;

    /// <summary>Image references: <c>registry:5000/team/app:v1</c>, <c>busybox</c> (<c>latest</c>), <c>NAME@sha256:…</c>; piped images bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override object? TargetOfItem => _current;

    protected override void ProcessItem()
    {
        foreach (var text in Name)
        {
            _current = text;
            if (this.ParseReference(text, allowDigest: true, stop: false) is not { } reference)
            {
                continue;
            }
            RegistryStep(text, () =>
            {
                var credential = CredentialFor(reference);
                WriteObject(Await(ct => RegistryOperations.InspectManifestAsync(TargetEngine, reference, credential, ct)));
            });
        }
    }
}
