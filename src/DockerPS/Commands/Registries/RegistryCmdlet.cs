using DockerPS.Completion;
using DockerPS.Connection;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>What login and logout share: the -Registry parameter, read as the docker CLI reads it, and the CLI's config.</summary>
public abstract class RegistryCmdlet : DockerCmdlet
{
    private string? _current;

    /// <summary>The registry: <c>host[:port]</c> (a scheme or path is ignored); Docker Hub when left out.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ServerAddress")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegistryCompleter))]
    public string Registry { get; set; } = RegistryCredentials.DockerHubKey;

    protected override object? TargetOfItem => _current;

    protected static DockerCliConfig CliConfig => DockerCliConfig.FromEnvironment(Environment.GetEnvironmentVariable);

    protected sealed override void ProcessItem()
    {
        _current = Registry;
        var key = RegistryCredentials.KeyFor(Registry);
        if (key != RegistryCredentials.DockerHubKey && !ImageReference.IsDomain(key))
        {
            WriteError(ErrorFor(ErrorCatalog.InvalidRegistry,
                new ArgumentException($"'{Registry}' is not a registry address: give host[:port], e.g. registry.example.com:5000."), Registry));
            return;
        }
        ProcessRegistry(key);
    }

    /// <summary>Acts on one registry, by its key in config.json.</summary>
    protected abstract void ProcessRegistry(string key);
}
