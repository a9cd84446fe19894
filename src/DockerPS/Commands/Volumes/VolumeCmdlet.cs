using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// Cmdlets that act on existing volumes, by name (wildcards allowed; volumes have no ids), or piped; the loop is
/// <see cref="EngineObjectCmdlet"/>'s, and a cmdlet is one override, <see cref="ProcessVolume"/>.
/// </summary>
public abstract class VolumeCmdlet : EngineObjectCmdlet
{
    [Parameter(ParameterSetName = NameSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeNameCompleter))]
    public string[]? Name { get; set; }

    protected sealed override EngineObjectNoun Noun => EngineObjectNoun.Volume;

    protected sealed override IReadOnlyList<string>? Named => Name;

    protected sealed override void ProcessObject(string name) => ProcessVolume(name);

    /// <summary>Acts on one volume, named as it is.</summary>
    protected abstract void ProcessVolume(string volume);
}
