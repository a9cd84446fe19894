using System.Management.Automation;
using DockerPS.Completion;
using DockerPS.Operations;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker update</c>: changes the resource limits and restart policy of containers, running or not. Values take
/// the docker CLI's syntax and are checked before any engine call; the engine's warnings become warnings.
/// </summary>
[Cmdlet(VerbsCommon.Set, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ContainerDetail))]
public sealed class SetDockerContainerCommand : ContainerCmdlet
{
    public const string NothingToUpdate = "NothingToUpdate";

    private ContainerUpdate _update = new();

    /// <summary>Memory limit, e.g. <c>512m</c> or <c>1g</c> (units b, k, m, g: powers of 1024).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Memory { get; set; }

    /// <summary>Memory plus swap limit, e.g. <c>1g</c>; <c>-1</c> for unlimited swap.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MemorySwap { get; set; }

    /// <summary>Soft memory limit, e.g. <c>256m</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? MemoryReservation { get; set; }

    /// <summary>Number of CPUs, e.g. <c>1.5</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Cpus { get; set; }

    /// <summary>Relative CPU weight (default 1024).</summary>
    [Parameter]
    [ValidateRange(2, 262144)]
    public long CpuShares { get; set; }

    /// <summary>CPUs the container may run on, e.g. <c>0-2</c> or <c>0,1</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CpusetCpus { get; set; }

    /// <summary>Most processes the container may have; -1 for unlimited.</summary>
    [Parameter]
    public long PidsLimit { get; set; }

    /// <summary>no, always, unless-stopped or on-failure[:max-retries].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RestartPolicyCompleter))]
    public string? RestartPolicy { get; set; }

    /// <summary>Writes each container after updating it.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Parses every value before any engine call: a syntax error stops the command with its own error id.</summary>
    protected override void BeginProcessing()
    {
        _update = new ContainerUpdate(
            Memory: Parse<long?>(nameof(Memory), Memory, text => DockerUnits.ParseBytes(text)),
            MemorySwap: Parse<long?>(nameof(MemorySwap), MemorySwap, text => text.Trim() == "-1" ? -1 : DockerUnits.ParseBytes(text)),
            MemoryReservation: Parse<long?>(nameof(MemoryReservation), MemoryReservation, text => DockerUnits.ParseBytes(text)),
            NanoCpus: Parse<long?>(nameof(Cpus), Cpus, text => DockerUnits.ParseCpus(text)),
            CpuShares: BoundOrNull(nameof(CpuShares), CpuShares),
            CpusetCpus: CpusetCpus,
            PidsLimit: BoundOrNull(nameof(PidsLimit), PidsLimit),
            RestartPolicy: Parse(nameof(RestartPolicy), RestartPolicy, RestartPolicySpec.Parse));
        if (_update.IsEmpty)
        {
            ThrowTerminatingError(new ErrorRecord(
                new PSArgumentException("Give at least one setting to change: -Memory, -MemorySwap, -MemoryReservation, -Cpus, -CpuShares, -CpusetCpus, -PidsLimit or -RestartPolicy."),
                NothingToUpdate, ErrorCategory.InvalidArgument, null));
        }
    }

    protected override void ProcessContainer(string container)
    {
        if (!ShouldProcess(container, $"Update container ({Describe()})"))
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

    /// <summary>Text in the docker CLI's syntax; text that does not parse is an Invalid&lt;Parameter&gt; error, as for New-DockerContainer.</summary>
    private T? Parse<T>(string parameter, string? text, Func<string, T> parse)
    {
        if (text is null)
        {
            return default;
        }
        try
        {
            return InvalidParameterSyntaxException.Parse(parameter, text, parse);
        }
        catch (InvalidParameterSyntaxException e)
        {
            ThrowTerminatingError(e.ErrorRecord);
            throw;
        }
    }

    /// <summary>The changes as the user gave them, for -WhatIf and -Confirm.</summary>
    private string Describe() => string.Join(", ", new (string Name, object? Value)[]
    {
        ("memory", Memory), ("memory-swap", MemorySwap), ("memory-reservation", MemoryReservation), ("cpus", Cpus),
        ("cpu-shares", _update.CpuShares), ("cpuset-cpus", CpusetCpus), ("pids-limit", _update.PidsLimit), ("restart", RestartPolicy),
    }.Where(s => s.Value is not null).Select(s => $"{s.Name} {s.Value}"));
}
