using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary><c>docker tag</c>: gives images more names; a name without a tag gets latest.</summary>
[Cmdlet(VerbsCommon.Add, "DockerImageTag", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Image))]
public sealed class AddDockerImageTagCommand : ImageCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    private ImageReference[] _targets = [];

    /// <summary>
    /// Per engine (its endpoint: piped images each bring an engine object of their own) and name, the last tag call given
    /// it: the next waits for it, so the last image piped holds the name.
    /// </summary>
    private readonly Dictionary<(string Endpoint, string Name), Task> _lastOfName = [];

    /// <summary>The new names, <c>[registry[:port]/]repository[:tag]</c>.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("Target")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>Writes the image under each new name, as Get-DockerImage lists it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Checks every new name before any engine call.</summary>
    protected override void BeginProcessing() => _targets = Tag!.Select(tag => this.ParseReference(tag, allowDigest: false, stop: true)!).ToArray();

    protected override void ProcessImage(string image)
    {
        foreach (var target in _targets)
        {
            var name = $"{target.Repository}:{target.Tag ?? "latest"}";
            if (!ShouldProcess(image, $"Tag image as {name}"))
            {
                continue;
            }
            var engine = TargetEngine;
            var previous = _lastOfName.GetValueOrDefault((engine.Endpoint, name), Task.CompletedTask);
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _lastOfName[(engine.Endpoint, name)] = ended.Task;
            Dispatch(Done(async (on, ct) =>
            {
                try
                {
                    await previous.WaitAsync(ct).ConfigureAwait(false);
                    await ImageOperations.TagAsync(on, image, target, ct).ConfigureAwait(false);
                }
                finally
                {
                    ended.SetResult();
                }
            }), _ =>
            {
                if (PassThru)
                {
                    // Listed unfiltered: a reference filter would leave the image's other names out of its RepoTags.
                    var rows = Await(ct => ImageOperations.ListAsync(engine, new FilterSet(), all: false, ct));
                    WriteObject(rows.Where(i => i.Reference == name), enumerateCollection: true);
                }
            });
        }
    }
}
