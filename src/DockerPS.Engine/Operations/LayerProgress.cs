namespace DockerPS.Operations;

/// <summary>One layer of a pull or push as last reported: its short id, status text and bytes of the current phase.</summary>
public sealed record LayerState(string Id, string Status, long Current, long Total, bool Done);

/// <summary>
/// The per-layer progress of a pull or push, gathered from the engine's messages on the worker thread and read by
/// the pipeline thread to write one overall bar (bytes of all layers, layers done) and a bar per active layer.
/// </summary>
public sealed class LayerProgress
{
    private readonly object _gate = new();
    // Layer id → state, in the order the engine first named them.
    private readonly Dictionary<string, LayerState> _layers = [];
    private readonly List<string> _order = [];
    // Bytes of the transfer phase (download or upload) per layer; extraction after a download does not add to them.
    private readonly Dictionary<string, (long Current, long Total)> _transfer = [];

    /// <summary>The latest status line that is not about one layer (e.g. "Pulling from team/app").</summary>
    public string? Status { get; private set; }

    /// <summary>The layers so far, in the order the engine named them.</summary>
    public IReadOnlyList<LayerState> Layers
    {
        get
        {
            lock (_gate)
            {
                return _order.Select(id => _layers[id]).ToArray();
            }
        }
    }

    /// <summary>Bytes moved and bytes known in all layers' transfer phases.</summary>
    public (long Bytes, long Total) Bytes
    {
        get
        {
            lock (_gate)
            {
                return (_transfer.Values.Sum(t => t.Current), _transfer.Values.Sum(t => t.Total));
            }
        }
    }

    internal void Add(JsonMessage message)
    {
        if (message.Status is not { } status)
        {
            return;
        }
        // Messages naming a tag ("Pulling from …" with the tag as id) and messages without an id are not about a layer.
        if (message.Id is not { } id || status.StartsWith("Pulling from ", StringComparison.Ordinal))
        {
            Status = status;
            return;
        }
        var done = DoneStatuses.Contains(status) || status.StartsWith("Mounted from ", StringComparison.Ordinal);
        lock (_gate)
        {
            if (!_layers.ContainsKey(id))
            {
                _order.Add(id);
            }
            _layers[id] = new LayerState(id, status, message.Current ?? 0, message.Total ?? 0, done);
            var transfer = _transfer.GetValueOrDefault(id);
            if (status is "Downloading" or "Pushing" && message.Total > 0)
            {
                _transfer[id] = (Math.Min(message.Current ?? 0, message.Total.Value), message.Total.Value);
            }
            else if ((done || status is "Download complete" or "Verifying Checksum") && transfer.Total > 0)
            {
                _transfer[id] = (transfer.Total, transfer.Total);
            }
        }
    }

    private static readonly HashSet<string> DoneStatuses = ["Pull complete", "Already exists", "Pushed", "Layer already exists"];
}
