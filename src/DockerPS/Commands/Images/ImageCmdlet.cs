using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that act on existing images, by reference (<c>repository[:tag]</c>; wildcards match tagged images), id or id
/// prefix, or piped (anything with a Reference or Id); the loop is <see cref="EngineObjectCmdlet"/>'s, and a cmdlet is one
/// override, <see cref="ProcessImage"/>.
/// </summary>
public abstract class ImageCmdlet : EngineObjectCmdlet
{
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

    protected sealed override EngineObjectNoun Noun => EngineObjectNoun.Image;

    protected sealed override IReadOnlyList<string>? Named => ParameterSetName == IdSet ? Id : Name;

    protected sealed override void ProcessObject(string name) => ProcessImage(name);

    /// <summary>Acts on one image, named as the engine resolves it.</summary>
    protected abstract void ProcessImage(string image);
}
