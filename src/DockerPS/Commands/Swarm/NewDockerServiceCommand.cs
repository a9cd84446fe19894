using DockerPS.Completion;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker service create</c>: a swarm service from an image, with replicas or one task per node, then (unless
/// -Detach) waiting until it has converged; writes the service. A name in use is ServiceExists.
/// </summary>
[Cmdlet(VerbsCommon.New, "DockerService", SupportsShouldProcess = true)]
[OutputType(typeof(Service))]
public sealed class NewDockerServiceCommand : DockerCmdlet, IDynamicParameters
{
    /// <summary>The image the tasks run; Image objects bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string Image { get; set; } = null!;

    /// <summary>The command's arguments, after the image's entrypoint (<c>docker service create IMAGE COMMAND ARGS</c>).</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    public string[]? Command { get; set; }

    /// <summary>The service's name (<c>--name</c>); the engine makes one up when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>replicated (a number of tasks) or global (one task on every node) (<c>--mode</c>).</summary>
    [Parameter]
    [ValidateSet("replicated", "global")]
    public string Mode { get; set; } = "replicated";

    /// <summary>Tasks of a replicated service (<c>--replicas</c>); 1 when not given.</summary>
    [Parameter]
    public ulong? Replicas { get; set; }

    /// <summary>The service settings, declared once for create and update.</summary>
    public ServiceParameters Settings { get; } = new();

    public object GetDynamicParameters() => Settings;

    protected override object? TargetOfItem => Name ?? Image;

    protected override void BeginProcessing()
    {
        if (Mode == "global" && Replicas is not null)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidSyntax(nameof(Replicas)),
                new PSArgumentException("-Replicas applies to a replicated service; a global service runs one task on every node."), Replicas));
        }
    }

    protected override void ProcessItem()
    {
        var settings = Settings.Parse(new ServiceSettings { Image = Image, Replicas = Replicas, Global = Mode == "global", Args = Command });
        if (!ShouldProcess(Name ?? Image, $"Create service from {Image}"))
        {
            return;
        }
        var credential = RegistryAuthFor(Image, Settings.WithRegistryAuth);
        var engine = TargetEngine;
        var (id, warnings) = Await(ct => ServiceOperations.CreateAsync(engine, Name, settings, credential, ct));
        foreach (var warning in warnings)
        {
            WriteWarning(warning);
        }
        if (!Settings.Detach)
        {
            WaitForService(engine, id, Name ?? id, rollback: false, earlierUpdate: null, Settings.Timeout);
        }
        WriteObject(Await(ct => ServiceOperations.InspectAsync(engine, id, ct)));
    }
}
