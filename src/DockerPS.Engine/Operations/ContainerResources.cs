using System.Text.Json.Nodes;
using DockerPS.Parsing;

namespace DockerPS.Operations;

/// <summary>
/// The resources and restart policy of a container: what <c>docker create</c> and <c>docker run</c> set and
/// <c>docker update</c> changes; null leaves a setting as the engine has it. Memory values are bytes (MemorySwap -1 is
/// unlimited), CPUs are NanoCPUs.
/// </summary>
public sealed record ContainerResources(
    long? Memory = null,
    long? MemorySwap = null,
    long? MemoryReservation = null,
    long? NanoCpus = null,
    long? CpuShares = null,
    long? CpuPeriod = null,
    long? CpuQuota = null,
    string? CpusetCpus = null,
    string? CpusetMems = null,
    long? PidsLimit = null,
    RestartPolicySpec? RestartPolicy = null)
{
    public bool IsEmpty => this == new ContainerResources();

    /// <summary>Writes the settings given into a HostConfig, or into an update body, which takes the same fields.</summary>
    internal void WriteTo(JsonObject host)
    {
        var restart = RestartPolicy is { } policy ? new JsonObject { ["Name"] = policy.Name, ["MaximumRetryCount"] = policy.MaximumRetryCount } : null;
        foreach (var (name, value) in new (string, JsonNode?)[]
        {
            ("Memory", Memory), ("MemorySwap", MemorySwap), ("MemoryReservation", MemoryReservation), ("NanoCpus", NanoCpus),
            ("CpuShares", CpuShares), ("CpuPeriod", CpuPeriod), ("CpuQuota", CpuQuota), ("CpusetCpus", CpusetCpus), ("CpusetMems", CpusetMems),
            ("PidsLimit", PidsLimit), ("RestartPolicy", restart),
        })
        {
            if (value is not null)
            {
                host[name] = value;
            }
        }
    }
}
