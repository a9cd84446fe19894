using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Many callers and many calls, bounded in count: 50 runspaces side by side each making 100 mixed calls (lists,
/// inspections, version, and a create and remove every 25th), all answered correctly; and 2000 calls in one session
/// leaving the process's managed memory and open file descriptors where they were.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LoadTests(EngineFixture fixture)
{
    /// <summary>100 calls, each writing the number of objects it got (each should get exactly one).</summary>
    private string MixedCalls => $$"""
        foreach ($i in 1..100) {
            $got = switch ($i % 5) {
                0 { if ($i % 25 -eq 0) { New-DockerContainer '{{TestEnvironment.Image}}' -Label @{ '{{EngineFixture.Label}}' = '{{fixture.RunId}}' } | Remove-DockerContainer; 1 }
                    else { Get-DockerContainer -Name '{{fixture.RunningName}}' } }
                1 { Get-DockerImage '{{TestEnvironment.Image}}' }
                2 { Get-DockerVersion }
                3 { Get-DockerContainer '{{fixture.RunningName}}' -Detail }
                4 { Get-DockerContainer -Id (Get-DockerContainer -Name '{{fixture.ExitedName}}').Id }
            }
            @($got).Count
        }
        """;

    [Fact]
    public void FiftyRunspacesOfMixedCallsAllSucceed()
    {
        var sessions = new PowerShellSession[50];
        Parallel.For(0, sessions.Length, i => sessions[i] = new PowerShellSession());
        try
        {
            var results = new RunResult[sessions.Length];
            Parallel.For(0, sessions.Length, new ParallelOptions { MaxDegreeOfParallelism = sessions.Length }, i => results[i] = sessions[i].Run(MixedCalls));

            Assert.Empty(results.SelectMany(r => r.Errors).Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception.Message}"));
            var counts = results.SelectMany(r => r.Output).Select(o => (int)o.BaseObject).ToArray();
            Assert.Equal(50 * 100, counts.Length);
            Assert.All(counts, count => Assert.Equal(1, count));
        }
        finally
        {
            Parallel.ForEach(sessions, session => session?.Dispose());
        }
    }

    [Fact]
    public void TwoThousandCallsKeepMemoryAndDescriptorsFlat()
    {
        using var session = new PowerShellSession();
        var loop = $"foreach ($n in 1..20) {{ & {{ {MixedCalls} }} | Where-Object {{ $_ -ne 1 }} }}";
        // A first round warms caches, connections and compiled code; the second must not grow.
        Assert.Empty(session.Run(loop).Output);
        var (memory, descriptors) = Measure();

        var result = session.Run(loop);
        var (memoryAfter, descriptorsAfter) = Measure();

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.True(descriptorsAfter - descriptors <= 4, $"open file descriptors went from {descriptors} to {descriptorsAfter} over 2000 calls");
        Assert.True(memoryAfter - memory < 8 << 20, $"managed memory went from {memory >> 20} MiB to {memoryAfter >> 20} MiB over 2000 calls");
    }

    private static (long Memory, int Descriptors) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return (GC.GetTotalMemory(forceFullCollection: true), Directory.GetFiles("/proc/self/fd").Length);
    }
}
