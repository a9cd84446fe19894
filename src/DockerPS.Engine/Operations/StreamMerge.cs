using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DockerPS.Operations;

/// <summary>Several engine streams read at once as one (followed logs, events and stats of several containers or engines).</summary>
public static class StreamMerge
{
    /// <summary>How many items the merged stream holds for a slow reader before the streams wait for it.</summary>
    internal const int Capacity = 256;

    /// <summary>
    /// The items of every stream in the order they arrive; it ends when all have ended, or with the first failure once
    /// the others have ended. Leaving it early, or cancelling, stops every stream.
    /// </summary>
    public static async IAsyncEnumerable<T> Merge<T>(IReadOnlyList<Func<CancellationToken, IAsyncEnumerable<T>>> streams,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Bounded: a stream faster than its reader waits for it instead of piling up in memory.
        var merged = Channel.CreateBounded<T>(Capacity);
        var readers = streams.Select(async stream =>
        {
            await foreach (var item in stream(stop.Token).ConfigureAwait(false))
            {
                await merged.Writer.WriteAsync(item, stop.Token).ConfigureAwait(false);
            }
        }).ToArray();
        _ = Task.WhenAll(readers).ContinueWith(t => merged.Writer.TryComplete(t.IsFaulted ? t.Exception!.GetBaseException() : null),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            await foreach (var item in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            stop.Cancel();
        }
    }
}
