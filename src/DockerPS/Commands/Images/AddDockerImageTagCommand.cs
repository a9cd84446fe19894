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
    /// Per engine (its endpoint: piped images each bring an engine object of their own), the last tag call of each new name
    /// and of each image: the next of either waits for it, so the last image piped holds the name, and one image's names
    /// are added one after the other (Podman, tagging one image twice at once, can keep only one of the names).
    /// </summary>
    private readonly Dictionary<(string Endpoint, string Key), Task> _last = [];

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
            (string, string)[] keys = [(engine.Endpoint, "name " + name), (engine.Endpoint, "image " + image)];
            var previous = Task.WhenAll(keys.Select(key => _last.GetValueOrDefault(key, Task.CompletedTask)));
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var key in keys)
            {
                _last[key] = ended.Task;
            }
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
