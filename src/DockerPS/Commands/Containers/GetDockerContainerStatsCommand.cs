using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DockerPS.Completion;
using DockerPS.Errors;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker stats</c>: one sample per container by default (<c>--no-stream</c>), or samples as the engine sends
/// them with -Stream until Ctrl+C. Without names, the running containers. All named containers are sampled
/// together once the input has ended, so one-shot samples take about a second in all and streams interleave.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DockerContainerStats", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ContainerStats))]
public sealed class GetDockerContainerStatsCommand : ContainerCmdlet
{
    private readonly List<(DockerEngine Engine, string Container)> _containers = [];

    /// <summary>Container names (wildcards allowed), ids or id prefixes; all running containers when none is given.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public override string[]? Name { get; set; }

    /// <summary>Writes samples as the engine sends them (about one a second per container) until Ctrl+C or the containers stop.</summary>
    [Parameter]
    public SwitchParameter Stream { get; set; }

    protected override IEnumerable<string> Unnamed() =>
        Await(ct => ContainerOperations.ListAsync(TargetEngine, new FilterSet().Add("status", "running"), ct)).Select(c => c.Id);

    protected override void ProcessContainer(string container) => _containers.Add((TargetEngine, container));

    protected override void EndProcessing()
    {
        if (Stream)
        {
            foreach (var (index, sample, error) in AwaitEach(ct => Merged(_containers, ct)))
            {
                Write(index, sample, error);
            }
            return;
        }
        // Sampled together, written in the order they were named.
        var samples = _containers.Select(c => ContainerOperations.SampleAsync(c.Engine, c.Container, Cancellation)).ToArray();
        for (var i = 0; i < samples.Length; i++)
        {
            var sample = samples[i];
            try
            {
                Write(i, Await(_ => sample), null);
            }
            catch (DockerEngineException e)
            {
                Write(i, null, e);
            }
        }
    }

    private void Write(int index, ContainerStats? sample, DockerEngineException? error)
    {
        if (error is not null)
        {
            WriteContainerError(error, _containers[index].Container, _containers[index].Engine);
        }
        else
        {
            WriteObject(sample);
        }
    }

    /// <summary>Every container's stream as one, each sample or failure tagged with its container's index.</summary>
    private static async IAsyncEnumerable<(int Index, ContainerStats? Sample, DockerEngineException? Error)> Merged(
        IReadOnlyList<(DockerEngine Engine, string Container)> containers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merged = Channel.CreateUnbounded<(int, ContainerStats?, DockerEngineException?)>();
        var readers = containers.Select(async (c, index) =>
        {
            try
            {
                await foreach (var sample in ContainerOperations.StatsAsync(c.Engine, c.Container, stop.Token).ConfigureAwait(false))
                {
                    merged.Writer.TryWrite((index, sample, null));
                }
            }
            catch (DockerEngineException e)
            {
                merged.Writer.TryWrite((index, null, e));
            }
        }).ToArray();
        _ = Task.WhenAll(readers).ContinueWith(_ => merged.Writer.TryComplete(), TaskScheduler.Default);
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
