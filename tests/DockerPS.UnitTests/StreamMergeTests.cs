using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class StreamMergeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ItemsComeInTheOrderTheyArriveFromAnyStream()
    {
        var a = Channel.CreateUnbounded<string>();
        var b = Channel.CreateUnbounded<string>();
        await using var merged = StreamMerge.Merge([ct => a.Reader.ReadAllAsync(ct), ct => b.Reader.ReadAllAsync(ct)], CancellationToken.None)
            .GetAsyncEnumerator();
        var seen = new List<string>();
        foreach (var (channel, item) in new[] { (b, "b1"), (a, "a1"), (b, "b2"), (a, "a2") })
        {
            await channel.Writer.WriteAsync(item);
            Assert.True(await merged.MoveNextAsync().AsTask().WaitAsync(Patience));
            seen.Add(merged.Current);
        }
        Assert.Equal(["b1", "a1", "b2", "a2"], seen);
    }

    [Fact]
    public async Task EndsOnceEveryStreamHasEnded()
    {
        var items = await StreamMerge.Merge([_ => Items(1, 2), _ => Items(3), _ => Items()], CancellationToken.None).ToListAsync();
        Assert.Equal([1, 2, 3], items.Order());
    }

    [Fact]
    public async Task AStreamThatNeverEndsHoldsBackNoneOfTheOthers()
    {
        using var stop = new CancellationTokenSource();
        var items = new List<int>();
        await foreach (var item in StreamMerge.Merge([ct => Forever(ct), _ => Items(1, 2, 3)], stop.Token).WithCancellation(stop.Token))
        {
            items.Add(item);
            if (items.Count == 3)
            {
                break;
            }
        }
        Assert.Equal([1, 2, 3], items);
    }

    [Fact]
    public async Task LeavingEarlyStopsEveryStream()
    {
        var stopped = new TaskCompletionSource();
        await foreach (var _ in StreamMerge.Merge([ct => Forever(ct, stopped), _ => Items(1)], CancellationToken.None))
        {
            break;
        }
        await stopped.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task AFailureEndsTheMergedStreamAfterTheOthersEnded()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in StreamMerge.Merge([_ => Failing(), _ => Items(1, 2)], CancellationToken.None))
            {
            }
        });
        Assert.Equal("stream failed", error.Message);
    }

    [Fact]
    public async Task AFastStreamWaitsForASlowReader()
    {
        var produced = 0;
        async IAsyncEnumerable<int> Counting([EnumeratorCancellation] CancellationToken ct = default)
        {
            for (var i = 0; ; i++)
            {
                ct.ThrowIfCancellationRequested();
                Interlocked.Increment(ref produced);
                yield return i;
                await Task.Yield();
            }
        }
        await using var merged = StreamMerge.Merge([Counting], CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await merged.MoveNextAsync());
        // The reader took one; the producer fills the buffer, then waits (one more may be on its way in).
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref produced) >= StreamMerge.Capacity, Patience), "the buffer never filled");
        await Task.Delay(300);
        Assert.InRange(Volatile.Read(ref produced), StreamMerge.Capacity, StreamMerge.Capacity + 2);
    }

    private static async IAsyncEnumerable<int> Items(params int[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private static async IAsyncEnumerable<int> Forever([EnumeratorCancellation] CancellationToken ct, TaskCompletionSource? stopped = null)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        finally
        {
            stopped?.TrySetResult();
        }
        yield break;
    }

    private static async IAsyncEnumerable<int> Failing()
    {
        await Task.Yield();
        throw new InvalidOperationException("stream failed");
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }
}
