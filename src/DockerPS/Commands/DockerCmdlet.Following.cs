using System.Runtime.CompilerServices;

namespace DockerPS.Commands;

/// <summary>Streams that do not end by themselves (-Follow), written together as their items come.</summary>
public abstract partial class DockerCmdlet
{
    private readonly List<Func<CancellationToken, IAsyncEnumerable<Action>>> _followed = [];

    /// <summary>
    /// Writes the items of a stream that does not end by itself (-Follow). It starts once the input has ended
    /// (<see cref="WriteFollowed"/>, from EndProcessing), together with every other stream this invocation follows (other
    /// containers, other contexts), and items are written as they come from any of them: one that never ends holds back
    /// none of the rest. A failure goes to <paramref name="fail"/> (by default an error about the current item's input).
    /// </summary>
    protected void Follow<T>(Func<CancellationToken, IAsyncEnumerable<T>> stream, Action<DockerEngineException>? fail = null)
    {
        var target = TargetOfItem;
        fail ??= e => WriteError(ErrorFor(e, target));
        _followed.Add(ct => Writes(stream(ct), fail, ct));
    }

    /// <summary>Writes the streams <see cref="Follow{T}"/> kept, until all have ended or Ctrl+C.</summary>
    protected void WriteFollowed()
    {
        var streams = _followed.ToArray();
        _followed.Clear();
        if (streams.Length > 0)
        {
            foreach (var write in AwaitEach(streams.Length == 1 ? streams[0] : ct => StreamMerge.Merge(streams, ct)))
            {
                write();
            }
        }
    }

    /// <summary>A stream as the writes of its items, ending with the write of its failure if it fails.</summary>
    private async IAsyncEnumerable<Action> Writes<T>(IAsyncEnumerable<T> stream, Action<DockerEngineException> fail,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var items = stream.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            DockerEngineException? failure = null;
            var more = false;
            try
            {
                more = await items.MoveNextAsync().ConfigureAwait(false);
            }
            catch (DockerEngineException e)
            {
                failure = e;
            }
            if (failure is not null)
            {
                yield return () => fail(failure);
            }
            if (!more)
            {
                yield break;
            }
            var item = items.Current;
            yield return () => WriteObject(item);
        }
    }
}
