using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// The resource limits and restart policy New-DockerContainer and Invoke-DockerContainer set and Set-DockerContainer
/// changes, in the docker CLI's syntax (<c>docker run</c> and <c>docker update</c> flags of the same names).
/// </summary>
[ParameterGroup]
public sealed class ContainerResourceParameters
{
    /// <summary>Memory limit, e.g. <c>512m</c> or <c>1.5g</c> (units b, k, m, g: powers of 1024).</summary>
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

    /// <summary>CPU limit in CPUs, e.g. <c>1.5</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Cpus { get; set; }

    /// <summary>Relative CPU weight (1024 is the default weight).</summary>
    [Parameter]
    [ValidateRange(2, 262144)]
    public long? CpuShares { get; set; }

    /// <summary>The length of a CPU scheduling period in microseconds (the CFS period).</summary>
    [Parameter]
    public long? CpuPeriod { get; set; }

    /// <summary>CPU time in microseconds the container may use per period (the CFS quota); -1 for no limit.</summary>
    [Parameter]
    public long? CpuQuota { get; set; }

    /// <summary>CPUs the container may run on, e.g. <c>0-2</c> or <c>0,1</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CpusetCpus { get; set; }

    /// <summary>Memory nodes (NUMA) the container may use, e.g. <c>0</c> or <c>0-1</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CpusetMems { get; set; }

    /// <summary>Most processes the container may have; -1 for unlimited.</summary>
    [Parameter]
    public long? PidsLimit { get; set; }

    /// <summary>no, always, unless-stopped or on-failure[:max-retries].</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RestartPolicyCompleter))]
    public string? RestartPolicy { get; set; }

    /// <summary>The settings given, parsed; text that does not parse throws its Invalid&lt;Parameter&gt; error.</summary>
    internal ContainerResources Parse() => new(
        Memory: InvalidParameterSyntaxException.ParseOptional<long?>(nameof(Memory), Memory, text => DockerUnits.ParseBytes(text)),
        MemorySwap: InvalidParameterSyntaxException.ParseOptional<long?>(nameof(MemorySwap), MemorySwap, text => text.Trim() == "-1" ? -1 : DockerUnits.ParseBytes(text)),
        MemoryReservation: InvalidParameterSyntaxException.ParseOptional<long?>(nameof(MemoryReservation), MemoryReservation, text => DockerUnits.ParseBytes(text)),
        NanoCpus: InvalidParameterSyntaxException.ParseOptional<long?>(nameof(Cpus), Cpus, text => DockerUnits.ParseCpus(text)),
        CpuShares: CpuShares,
        CpuPeriod: CpuPeriod,
        CpuQuota: CpuQuota,
        CpusetCpus: CpusetCpus,
        CpusetMems: CpusetMems,
        PidsLimit: PidsLimit,
        RestartPolicy: InvalidParameterSyntaxException.ParseOptional(nameof(RestartPolicy), RestartPolicy, RestartPolicySpec.Parse));

    /// <summary>The settings as the user gave them, in the docker CLI's flag names, for -WhatIf and -Confirm.</summary>
    internal string Describe() => string.Join(", ", new (string Flag, object? Value)[]
    {
        ("memory", Memory), ("memory-swap", MemorySwap), ("memory-reservation", MemoryReservation), ("cpus", Cpus),
        ("cpu-shares", CpuShares), ("cpu-period", CpuPeriod), ("cpu-quota", CpuQuota), ("cpuset-cpus", CpusetCpus), ("cpuset-mems", CpusetMems),
        ("pids-limit", PidsLimit), ("restart", RestartPolicy),
    }.Where(s => s.Value is not null).Select(s => $"{s.Flag} {s.Value}"));

}
