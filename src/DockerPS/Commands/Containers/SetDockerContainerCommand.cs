namespace DockerPS.Commands;

/// <summary>
/// <c>docker update</c>: changes the resource limits and restart policy of containers, running or not. Values take
/// the docker CLI's syntax and are checked before any engine call; the engine's warnings become warnings.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class SetDockerContainerCommand : ContainerCmdlet, IDynamicParameters
{
    private ContainerResources _update = new();

    /// <summary>The settings to change, declared once for create, run and update.</summary>
    public ContainerResourceParameters Resources { get; } = new();

    /// <summary>Writes each container after updating it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    public object GetDynamicParameters() => Resources;

    /// <summary>Parses every value before any engine call: a syntax error stops the command with its own error id.</summary>
    protected override void BeginProcessing()
    {
        try
        {
            _update = Resources.Parse();
        }
        catch (InvalidParameterSyntaxException e)
        {
            ThrowTerminatingError(ErrorFor(e, null));
        }
        if (_update.IsEmpty)
        {
            ThrowTerminatingError(ErrorFor(ErrorCatalog.NothingToUpdate,
                new PSArgumentException("Give at least one setting to change: -Memory, -MemorySwap, -MemoryReservation, -Cpus, -CpuShares, -CpuPeriod, -CpuQuota, -CpusetCpus, -CpusetMems, -PidsLimit or -RestartPolicy."), null));
        }
    }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, $"Update container ({Resources.Describe()})"))
        {
            return;
        }
        foreach (var warning in Await(ct => ContainerOperations.UpdateAsync(TargetEngine, container, _update, ct)))
        {
            WriteWarning($"{container}: {warning}");
        }
        if (PassThru)
        {
            WriteDetail(container);
        }
    }
}
