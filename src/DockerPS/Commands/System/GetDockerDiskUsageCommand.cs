namespace DockerPS.Commands;

/// <summary><c>docker system df</c>: disk space per type of object; -Detail (<c>docker system df -v</c>) lists every object.</summary>
[Cmdlet(VerbsCommon.Get, "DockerDiskUsage", DefaultParameterSetName = SummarySet)]
[OutputType(typeof(DiskUsage), ParameterSetName = [SummarySet])]
[OutputType(typeof(DiskUsageItem), ParameterSetName = [DetailSet])]
public sealed class GetDockerDiskUsageCommand : DockerCmdlet
{
    private const string SummarySet = "Summary";
    private const string DetailSet = "Detail";

    /// <summary>Every image, container, volume and build cache record with its size, instead of the summary per type.</summary>
    [Parameter(Mandatory = true, ParameterSetName = DetailSet)]
    public SwitchParameter Detail { get; set; }

    protected override void ProcessItem()
    {
        if (Detail)
        {
            WriteObject(AwaitOnEachEngine(SystemOperations.DiskUsageDetailAsync), enumerateCollection: true);
        }
        else
        {
            WriteObject(AwaitOnEachEngine(SystemOperations.DiskUsageAsync), enumerateCollection: true);
        }
    }
}
