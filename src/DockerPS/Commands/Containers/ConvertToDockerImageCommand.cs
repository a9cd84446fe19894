using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker commit</c>: makes an image of each container's current filesystem and configuration, and writes it
/// as Get-DockerImage would list it.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "DockerImage", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class ConvertToDockerImageCommand : ContainerCmdlet
{

    private ImageReference? _reference;

    /// <summary>The new image's repository, optionally with its tag (<c>app</c>, <c>registry:5000/team/app:v2</c>); none makes an untagged image.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string? Repository { get; set; }

    /// <summary>The new image's tag (default latest); needs -Repository.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Tag { get; set; }

    /// <summary>The commit message, shown as the image's comment.</summary>
    [Parameter]
    [Alias("Comment")]
    public string? Message { get; set; }

    /// <summary>The image's author, e.g. <c>Jane Doe &lt;jane@example.com&gt;</c>.</summary>
    [Parameter]
    public string? Author { get; set; }

    /// <summary>Dockerfile instructions applied to the image's configuration, e.g. <c>'CMD ["sh"]'</c>, <c>'ENV A=1'</c>, <c>'LABEL x=y'</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Change { get; set; }

    /// <summary>Pauses the container while its filesystem is copied (the default, as with docker commit); $false leaves it running.</summary>
    [Parameter]
    public bool Pause { get; set; } = true;

    /// <summary>Checks the image name before any engine call.</summary>
    protected override void BeginProcessing()
    {
        try
        {
            if (Tag is not null && Repository is null)
            {
                throw new FormatException("-Tag needs -Repository: an image without a repository has no tag.");
            }
            if (Repository is not null)
            {
                var reference = ImageReference.Parse(Repository);
                if (reference.Tag is not null && Tag is not null)
                {
                    throw new FormatException($"'{Repository}' already has a tag; give it there or with -Tag, not both.");
                }
                _reference = Tag is null ? reference : reference with { Tag = ImageReference.ParseTag(Tag) };
            }
        }
        catch (FormatException e)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidReference, e, Tag is null ? Repository : $"{Repository}:{Tag}"));
        }
    }

    protected override void ProcessContainer(string container)
    {
        // The engine tags latest when no tag is given, as docker commit does.
        var name = _reference is null ? null : $"{_reference.Repository}:{_reference.Tag ?? "latest"}";
        if (!ShouldProcess(container, name is null ? "Commit container to an untagged image" : $"Commit container to image {name}"))
        {
            return;
        }
        var id = Await(ct => ContainerOperations.CommitAsync(TargetEngine, container, _reference, Message, Author, Change ?? [], Pause, ct));
        // The engine answers with the id alone; the image's rows come from the list, as Get-DockerImage shows them.
        var filter = name is null ? new FilterSet().Add("dangling", "true") : new FilterSet().Add("reference", name);
        var rows = Await(ct => ImageOperations.ListAsync(TargetEngine, filter, all: false, ct));
        WriteObject(rows.Where(i => i.Id == id), enumerateCollection: true);
    }
}
