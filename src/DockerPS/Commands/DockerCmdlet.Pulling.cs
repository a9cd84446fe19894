using DockerPS.Connection;
using DockerPS.Formatting;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// Pulls as Request-DockerImage and the create cmdlets' -Pull do (one engine operation for both), and the per-layer
/// progress pull, push and build report.
/// </summary>
public abstract partial class DockerCmdlet
{
    /// <summary>The credentials the docker CLI has stored for <paramref name="reference"/>'s registry (config.json's helpers and auths), else none.</summary>
    protected RegistryCredential StoredCredentialFor(ImageReference reference)
    {
        var key = RegistryCredentials.KeyFor(reference.Domain);
        var config = DockerCliConfig.FromEnvironment(System.Environment.GetEnvironmentVariable);
        WriteVerbose(RegistryCredentials.StoreFor(config, key) is { } store ? $"Credentials for {key} from {store}." : $"No stored credentials for {key}.");
        return Await(ct => RegistryCredentials.ResolveAsync(config, key, ct));
    }

    /// <summary>Pulls <paramref name="reference"/> (every tag of its repository with <paramref name="allTags"/>) with per-layer progress.</summary>
    protected void PullImage(ImageReference reference, bool allTags, string? platform, RegistryCredential credential) =>
        AwaitLayers($"Pulling {reference}", (progress, ct) =>
            RegistryOperations.PullAsync(TargetEngine, reference, allTags, platform, credential, progress, ct));

    /// <summary>Runs a pull on other threads and writes its progress (<see cref="LayerBars"/>) from the pipeline thread. Ctrl+C stops it.</summary>
    private void AwaitLayers(string activity, Func<LayerProgress, CancellationToken, Task> transfer)
    {
        var bars = new LayerBars(this, activity);
        AwaitReporting(async ct =>
        {
            await transfer(bars.Progress, ct).ConfigureAwait(false);
            return true;
        }, bars.Write);
    }

    /// <summary>
    /// The progress bars of one pull or push: one overall (bytes of all layers, layers done of known) and a child per
    /// active layer, written from the pipeline thread with what the workers gathered in <see cref="Progress"/>.
    /// </summary>
    protected sealed class LayerBars(DockerCmdlet cmdlet, string activity)
    {
        private readonly ProgressRecord _parent = new(NextActivityId(), activity, "Starting");
        private readonly Dictionary<string, ProgressRecord> _children = [];

        public LayerProgress Progress { get; } = new();

        /// <summary>Writes the bars; <paramref name="done"/> ends them.</summary>
        public void Write(bool done)
        {
            cmdlet.WriteLayers(_parent, _children, Progress);
            if (done)
            {
                cmdlet.CompleteLayers(_parent, _children);
            }
        }
    }

    /// <summary>Ends the bars <see cref="WriteLayers"/> wrote.</summary>
    protected void CompleteLayers(ProgressRecord parent, Dictionary<string, ProgressRecord> children)
    {
        foreach (var record in children.Values.Where(r => r.RecordType != ProgressRecordType.Completed).Append(parent))
        {
            record.RecordType = ProgressRecordType.Completed;
            WriteProgress(record);
        }
    }

    /// <summary>Layer progress so far: <paramref name="parent"/> for all layers, a child (made on first sight, kept in <paramref name="children"/>) per layer.</summary>
    protected void WriteLayers(ProgressRecord parent, Dictionary<string, ProgressRecord> children, LayerProgress progress)
    {
        var layers = progress.Layers;
        var (bytes, total) = progress.Bytes;
        var done = layers.Count(l => l.Done);
        parent.StatusDescription = layers.Count == 0
            ? progress.Status ?? "Starting"
            : $"{done} of {layers.Count} layers, {Display.Size(bytes)}{(total > 0 ? " of " + Display.Size(total) : "")}";
        parent.PercentComplete = total > 0 ? (int)Math.Min(100, bytes * 100 / total) : layers.Count > 0 ? done * 100 / layers.Count : -1;
        WriteProgress(parent);
        foreach (var layer in layers)
        {
            if (!children.TryGetValue(layer.Id, out var record))
            {
                record = children[layer.Id] = new ProgressRecord(NextActivityId(), $"Layer {layer.Id}", layer.Status)
                {
                    ParentActivityId = parent.ActivityId,
                };
            }
            else if (record.RecordType == ProgressRecordType.Completed)
            {
                continue;
            }
            record.StatusDescription = layer.Total > 0 ? $"{layer.Status} {Display.Size(layer.Current)} of {Display.Size(layer.Total)}" : layer.Status;
            record.PercentComplete = layer.Total > 0 ? (int)Math.Min(100, layer.Current * 100 / layer.Total) : -1;
            record.RecordType = layer.Done ? ProgressRecordType.Completed : ProgressRecordType.Processing;
            WriteProgress(record);
        }
    }
}
