using System.Net;
using System.Security;
using System.Text;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker secret create</c>: a swarm secret from a SecureString, a file or the pipeline; writes the new secret
/// (without its value, which the engine never gives back and DockerPS never shows).
/// </summary>
[Cmdlet(VerbsCommon.New, "DockerSecret", DefaultParameterSetName = ValueSet, SupportsShouldProcess = true)]
[OutputType(typeof(Secret))]
public sealed class NewDockerSecretCommand : SwarmDataCmdlet
{
    /// <summary>The secret's value; prompted for, masked, when not given.</summary>
    [Parameter(ParameterSetName = ValueSet, Mandatory = true, Position = 1)]
    public SecureString? Value { get; set; }

    protected override string Noun => "secret";

    protected override byte[] ValueBytes() => Encoding.UTF8.GetBytes(new NetworkCredential(string.Empty, Value).Password);

    protected override async Task<object> CreateAsync(DockerEngine engine, byte[] content, IDictionary<string, string> labels, CancellationToken cancellationToken) =>
        await SecretOperations.CreateAsync(engine, Name, content, labels, TemplateDriver, cancellationToken).ConfigureAwait(false);
}
