using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker service update</c>, <c>docker service scale</c> and <c>docker service rollback</c>: changes services'
/// settings (lists change per item: -Environment adds or replaces variables, -RemoveEnvironment takes them out, and so
/// on), their replicas, or rolls them back to their settings before the last update; then (unless -Detach) waits until
/// each has converged. An update that fails and pauses or rolls back is ServiceUpdateFailed.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DockerService", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(Service))]
public sealed class SetDockerServiceCommand : ServiceCmdlet, IDynamicParameters
{
    /// <summary>The image the tasks run (<c>--image</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string? Image { get; set; }

    /// <summary>Tasks of a replicated service (<c>--replicas</c>, <c>docker service scale</c>).</summary>
    [Parameter]
    public ulong? Replicas { get; set; }

    /// <summary>The command's arguments (<c>--args</c>).</summary>
    [Parameter]
    [Alias("Args")]
    public string[]? Command { get; set; }

    /// <summary>Names of environment variables to remove (<c>--env-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveEnvironment { get; set; }

    /// <summary>Names of service labels to remove (<c>--label-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveLabel { get; set; }

    /// <summary>Names of container labels to remove (<c>--container-label-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveContainerLabel { get; set; }

    /// <summary>Target ports to unpublish, <c>80</c> or <c>80/udp</c> (<c>--publish-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemovePublish { get; set; }

    /// <summary>Targets of mounts to remove (<c>--mount-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveMount { get; set; }

    /// <summary>Networks to detach from, by name or id (<c>--network-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveNetwork { get; set; }

    /// <summary>Secrets to take away, by name (<c>--secret-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveSecret { get; set; }

    /// <summary>Configs to take away, by name (<c>--config-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveConfig { get; set; }

    /// <summary>Placement constraints to remove, as they were given (<c>--constraint-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoveConstraint { get; set; }

    /// <summary>Placement preferences to remove, <c>spread=node.labels.zone</c> (<c>--placement-pref-rm</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemovePlacementPreference { get; set; }

    /// <summary>Replaces every task even if nothing changed (<c>--force</c>).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Goes back to the settings before the last update (<c>docker service rollback</c>); takes no other setting.</summary>
    [Parameter]
    public SwitchParameter Rollback { get; set; }

    /// <summary>Writes each service after updating it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The service settings, declared once for create and update.</summary>
    public ServiceParameters Settings { get; } = new();

    public object GetDynamicParameters() => Settings;

    /// <summary>The parameters that name services, engines or how to run, not what to change.</summary>
    private static readonly string[] NotSettings =
        [nameof(Name), nameof(Id), nameof(PassThru), nameof(Context), nameof(DockerHost), nameof(Engine), nameof(EngineTimeoutSeconds),
         nameof(ServiceParameters.Detach), nameof(ServiceParameters.Timeout), nameof(ServiceParameters.WithRegistryAuth)];

    private ServiceSettings _settings = null!;

    /// <summary>The changes are the same for every service: text that does not parse, or nothing to change, stops the cmdlet.</summary>
    protected override void BeginProcessing()
    {
        var bound = MyInvocation.BoundParameters.Keys.Where(p => !NotSettings.Contains(p) && !CommonParameters.Contains(p) && !OptionalCommonParameters.Contains(p)).ToArray();
        if (Rollback && bound.Length > 1)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.InvalidSyntax(nameof(Rollback)),
                new PSArgumentException($"-Rollback goes back to the settings before the last update and takes no other setting ({string.Join(", ", bound.Where(b => b != nameof(Rollback)).Select(b => "-" + b))})."), null));
        }
        if (bound.Length == 0)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.NothingToUpdate,
                new PSArgumentException("Give at least one setting to change, -Force to replace the tasks, or -Rollback."), null));
        }
        try
        {
            _settings = Settings.Parse(new ServiceSettings
            {
                Image = Image,
                Replicas = Replicas,
                Args = Command,
                Force = Force,
                RemoveEnvironment = RemoveEnvironment ?? [],
                RemoveLabels = RemoveLabel ?? [],
                RemoveContainerLabels = RemoveContainerLabel ?? [],
                RemovePorts = RemovePublish ?? [],
                RemoveMounts = RemoveMount ?? [],
                RemoveNetworks = RemoveNetwork ?? [],
                RemoveSecrets = RemoveSecret ?? [],
                RemoveConfigs = RemoveConfig ?? [],
                RemoveConstraints = RemoveConstraint ?? [],
                RemovePlacementPreferences = InvalidParameterSyntaxException.ParseEach(nameof(RemovePlacementPreference), RemovePlacementPreference, ServiceSyntax.ParsePlacementPreference),
            });
        }
        catch (DockerPSException e)
        {
            ThrowTerminatingError(ErrorFor(e, null));
        }
    }

    protected override void ProcessService(string service)
    {
        if (!ShouldProcess(service, Rollback ? "Roll back service" : "Update service"))
        {
            return;
        }
        var engine = TargetEngine;
        // As with the CLI, the credentials are for the new image, else for the one the service runs.
        var image = Image ?? (Settings.WithRegistryAuth ? Await(ct => ServiceOperations.InspectAsync(engine, service, ct)).Image : null);
        var credential = RegistryAuthFor(image, Settings.WithRegistryAuth);
        var (id, warnings, earlierUpdate) = Await(ct => ServiceOperations.UpdateAsync(engine, service, _settings, Rollback, credential, ct));
        foreach (var warning in warnings)
        {
            WriteWarning(warning);
        }
        if (!Settings.Detach)
        {
            WaitForService(engine, id, service, Rollback, earlierUpdate, Settings.Timeout);
        }
        if (PassThru)
        {
            WriteObject(Await(ct => ServiceOperations.InspectAsync(engine, id, ct)));
        }
    }
}
