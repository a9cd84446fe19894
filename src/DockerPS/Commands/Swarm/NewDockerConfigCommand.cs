using System.Text;

namespace DockerPS.Commands;

/// <summary><c>docker config create</c>: a swarm config from text, a file or the pipeline; writes the new config.</summary>
[Cmdlet(VerbsCommon.New, "DockerConfig", DefaultParameterSetName = ValueSet, SupportsShouldProcess = true)]
[OutputType(typeof(Config))]
public sealed class NewDockerConfigCommand : SwarmDataCmdlet
{
    /// <summary>The config's content, as UTF-8 text.</summary>
    [Parameter(ParameterSetName = ValueSet, Mandatory = true, Position = 1)]
    public string? Value { get; set; }

    protected override string Noun => "config";

    protected override byte[] ValueBytes() => Encoding.UTF8.GetBytes(Value!);

    protected override async Task<object> CreateAsync(DockerEngine engine, byte[] content, IDictionary<string, string> labels, CancellationToken cancellationToken) =>
        await ConfigOperations.CreateAsync(engine, Name, content, labels, TemplateDriver, cancellationToken).ConfigureAwait(false);
}
