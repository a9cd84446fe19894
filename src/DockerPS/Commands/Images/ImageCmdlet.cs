using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// What cmdlets that act on existing images share: images named by reference (<c>repository[:tag]</c>), id or id
/// prefix (as the engine resolves them), references with PowerShell wildcards (expanded by listing), or piped
/// objects (anything with a Reference or Id; DockerPS objects also bring their engine). Each image is one item: an
/// unknown one is an ImageNotFound error for that input and the pipeline goes on.
/// </summary>
public abstract class ImageCmdlet : DockerCmdlet
{
    protected const string NameSet = "Name";
    protected const string IdSet = "Id";
    public const string ImageNotFound = "ImageNotFound";

    private string? _current;

    /// <summary>Image references (<c>busybox</c>, <c>registry:5000/team/app:v1</c>; wildcards allowed), ids or id prefixes.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Image ids or unique id prefixes, with or without <c>sha256:</c>.</summary>
    [Parameter(ParameterSetName = IdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageIdCompleter))]
    public string[]? Id { get; set; }

    protected override object? TargetOfItem => _current;

    /// <summary>Acts on one image, named as the engine resolves it.</summary>
    protected abstract void ProcessImage(string image);

    protected sealed override void ProcessItem()
    {
        foreach (var image in Images())
        {
            _current = image;
            try
            {
                ProcessImage(image);
            }
            catch (DockerEngineException e)
            {
                WriteImageError(e, image);
            }
        }
    }

    /// <summary>A failure for one image: ImageNotFound when the engine does not know it, else the engine's error.</summary>
    protected virtual void WriteImageError(DockerEngineException e, string image)
    {
        if (e.Kind == EngineErrorKind.NotFound)
        {
            WriteNotFound(ImageNotFound, "image", image);
        }
        else
        {
            WriteError(ErrorFor(e, image));
        }
    }

    /// <summary>The images this item names: wildcard references expanded by listing (tagged images), everything else as given.</summary>
    private IEnumerable<string> Images() => ParameterSetName == IdSet
        ? Id!
        : DockerListCmdlet.ExpandWildcards(Name!, () => Await(ct => ImageOperations.ListAsync(TargetEngine, new FilterSet(), all: false, ct))
            .Where(i => i.Repository != Image.None).Select(i => i.Reference));
}
