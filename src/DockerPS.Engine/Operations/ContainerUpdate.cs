using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// The resources and restart policy <c>docker update</c> changes; null leaves a setting as it is. Memory values are
/// bytes (MemorySwap -1 is unlimited), CPUs are NanoCPUs.
/// </summary>
public sealed record ContainerUpdate(
    long? Memory = null,
    long? MemorySwap = null,
    long? MemoryReservation = null,
    long? NanoCpus = null,
    long? CpuShares = null,
    string? CpusetCpus = null,
    long? PidsLimit = null,
    RestartPolicySpec? RestartPolicy = null)
{
    public bool IsEmpty => this == new ContainerUpdate();
}
