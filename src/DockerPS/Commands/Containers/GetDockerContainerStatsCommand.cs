using DockerPS.Completion;

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

    protected override void ProcessContainer(string container)
    {
        var engine = TargetEngine;
        if (Stream)
        {
            Follow(ct => ContainerOperations.StatsAsync(engine, container, ct), e => WriteErrorAbout(Noun, e, container, engine));
        }
        else
        {
            _containers.Add((engine, container));
        }
    }

    protected override void EndProcessing()
    {
        WriteFollowed();
        // Sampled together, written in the order they were named.
        var samples = _containers.Select(c => StartCall(ct => ContainerOperations.SampleAsync(c.Engine, c.Container, ct))).ToArray();
        for (var i = 0; i < samples.Length; i++)
        {
            try
            {
                WriteObject(Await(samples[i]));
            }
            catch (DockerEngineException e)
            {
                WriteErrorAbout(Noun, e, _containers[i].Container, _containers[i].Engine);
            }
        }
    }
}
