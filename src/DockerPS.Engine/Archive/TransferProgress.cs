namespace DockerPS.Archive;

/// <summary>
/// Bytes moved so far by a transfer running on another thread, read by the pipeline thread to write progress.
/// Workers only add to it; they never write progress records themselves.
/// </summary>
public sealed class TransferProgress
{
    private long _bytes;
    private long _total = -1;

    /// <summary>Bytes of file content moved so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Bytes of file content in all, once known; -1 while unknown (e.g. a directory coming from a container).</summary>
    public long Total
    {
        get => Interlocked.Read(ref _total);
        internal set => Interlocked.Exchange(ref _total, value);
    }

    internal void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);

    /// <summary>Bytes moved so far, as a transfer reports its total itself (an engine downloading a remote context).</summary>
    internal void Set(long bytes) => Interlocked.Exchange(ref _bytes, bytes);
}
