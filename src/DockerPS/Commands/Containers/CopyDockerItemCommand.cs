using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker cp</c>: copies files and directories between the local file system and a container, by the CLI's
/// rules. Either in the CLI's own form (<c>Copy-DockerItem web:/etc/nginx ./conf</c>), or with the container as
/// a parameter, which also binds containers piped in, and a switch saying which way.
/// </summary>
[Cmdlet(VerbsCommon.Copy, "DockerItem", DefaultParameterSetName = DockerSyntaxSet, SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(DirectoryInfo), typeof(ContainerPathInfo))]
public sealed class CopyDockerItemCommand : DockerCmdlet
{
    private const string DockerSyntaxSet = "DockerSyntax";
    private const string ToContainerSet = "ToContainer";
    private const string FromContainerSet = "FromContainer";

    private object? _current;

    /// <summary>What to copy: a local path, or <c>CONTAINER:PATH</c> (DockerSyntax); a path on the side the switch names otherwise.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerPathCompleter))]
    public string? Path { get; set; }

    /// <summary>Where to copy it: a local path, or <c>CONTAINER:PATH</c> (DockerSyntax); a path on the other side otherwise.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerPathCompleter))]
    public string? Destination { get; set; }

    /// <summary>The container (name, id or id prefix); binds piped containers and their names.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToContainerSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = FromContainerSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string? Container { get; set; }

    /// <summary>-Path is local, -Destination is in the container.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToContainerSet)]
    public SwitchParameter ToContainer { get; set; }

    /// <summary>-Path is in the container, -Destination is local.</summary>
    [Parameter(Mandatory = true, ParameterSetName = FromContainerSet)]
    public SwitchParameter FromContainer { get; set; }

    /// <summary>Writes the copy: the local item, or the path in the container.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override object? TargetOfItem => _current;

    protected override void ProcessItem()
    {
        if (Copy() is not (string container, string source, string destination, bool toContainer))
        {
            return;
        }
        _current = container;
        var local = this.FileSystemPath(toContainer ? source : destination);
        if (local is null)
        {
            return;
        }
        var (from, to) = toContainer ? (local, $"{container}:{destination}") : ($"{container}:{source}", local);
        if (!ShouldProcess(from, $"Copy to {to}"))
        {
            return;
        }
        try
        {
            var result = AwaitTransfer($"Copying {from} to {to}", (progress, ct) => toContainer
                ? ContainerCopyOperations.CopyToContainerAsync(TargetEngine, local, container, destination, progress, ct)
                : ContainerCopyOperations.CopyFromContainerAsync(TargetEngine, container, source, local, progress, ct));
            foreach (var skipped in result.Skipped)
            {
                WriteWarning($"Skipped '{skipped}': special files (devices, FIFOs, sockets) are not created locally.");
            }
            if (PassThru && toContainer)
            {
                WriteObject(Await(ct => ContainerCopyOperations.StatAsync(TargetEngine, container, result.Path, ct)));
            }
            else if (PassThru)
            {
                this.WriteItem(result.Path);
            }
        }
        catch (DockerPSException e)
        {
            WriteErrorAbout(EngineObjectNoun.Container, e, container, TargetEngine);
        }
    }

    /// <summary>The container, the source and destination paths, and the direction; null (with an error written) for bad syntax.</summary>
    private (string Container, string Source, string Destination, bool ToContainer)? Copy()
    {
        if (ParameterSetName != DockerSyntaxSet)
        {
            return (Container!, Path!, Destination!, ToContainer.IsPresent);
        }
        var (source, destination) = (CopyArgument.Parse(Path!), CopyArgument.Parse(Destination!));
        switch (source.Container, destination.Container)
        {
            case (null, null):
                WriteError(ErrorFor(ErrorCatalog.ContainerPathRequired, new ArgumentException(
                    $"Neither '{Path}' nor '{Destination}' names a container: write one of them as CONTAINER:PATH, or use -Container."), Path));
                return null;
            case ({ }, { }):
                WriteError(ErrorFor(ErrorCatalog.CopyBetweenContainers, new ArgumentException(
                    $"'{Path}' and '{Destination}' both name containers: copying between containers is not supported."), Path));
                return null;
            case ({ } container, null):
                return (container, source.Path, destination.Path, false);
            default:
                return (destination.Container!, source.Path, destination.Path, true);
        }
    }
}
