using DockerPS.Connection;
using DockerPS.Formatting;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// What pull, push and build share: registry credentials resolved as the docker CLI does (-Credential, else
/// config.json's helpers and auths), per-layer progress, and registry failures as errors.
/// </summary>
public abstract class ImageTransferCmdlet : DockerCmdlet
{
    /// <summary>Credentials for the image's registry; without them the docker CLI's stored credentials are used.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>The credentials for <paramref name="reference"/>'s registry: -Credential, else stored ones, else none.</summary>
    protected RegistryCredential CredentialFor(ImageReference reference)
    {
        var key = RegistryCredentials.KeyFor(reference.Domain);
        if (Credential is not null)
        {
            return new RegistryCredential(key, Credential.UserName, Credential.GetNetworkCredential().Password);
        }
        var config = DockerCliConfig.FromEnvironment(Environment.GetEnvironmentVariable);
        WriteVerbose(RegistryCredentials.StoreFor(config, key) is { } store ? $"Credentials for {key} from {store}." : $"No stored credentials for {key}.");
        return Await(ct => RegistryCredentials.ResolveAsync(config, key, ct));
    }

    /// <summary>
    /// Runs a pull or push on other threads and writes its progress from the pipeline thread: one overall bar (bytes
    /// of all layers, layers done of known) and a child bar per active layer. Ctrl+C stops it.
    /// </summary>
    protected T AwaitLayers<T>(string activity, Func<LayerProgress, CancellationToken, Task<T>> transfer)
    {
        var parentId = GetHashCode() & int.MaxValue;
        var progress = new LayerProgress();
        var children = new Dictionary<string, ProgressRecord>();
        var parent = new ProgressRecord(parentId, activity, "Starting");
        return AwaitReporting(ct => transfer(progress, ct), done =>
        {
            WriteLayers(parent, children, progress);
            if (done)
            {
                CompleteLayers(parent, children);
            }
        });
    }

    /// <inheritdoc cref="AwaitLayers{T}"/>
    protected void AwaitLayers(string activity, Func<LayerProgress, CancellationToken, Task> transfer) =>
        AwaitLayers(activity, async (progress, ct) =>
        {
            await transfer(progress, ct).ConfigureAwait(false);
            return true;
        });

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
                record = children[layer.Id] = new ProgressRecord((parent.ActivityId + 1 + children.Count) & int.MaxValue, $"Layer {layer.Id}", layer.Status)
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

    /// <summary>Runs one registry step of an item that names several images: its failure is an error about <paramref name="target"/>, and the next step goes on.</summary>
    protected void RegistryStep(object target, Action step)
    {
        try
        {
            step();
        }
        catch (DockerPSException e)
        {
            WriteError(ErrorFor(e, target));
        }
    }
}
