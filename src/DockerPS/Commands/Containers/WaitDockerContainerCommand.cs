namespace DockerPS.Commands;

/// <summary><c>docker wait</c>: blocks until containers stop (or exit next, or are removed) and writes each with its exit code.</summary>
[Cmdlet(VerbsLifecycle.Wait, "DockerContainer", DefaultParameterSetName = NameSet)]
[OutputType(typeof(ContainerExit))]
public sealed class WaitDockerContainerCommand : ContainerCmdlet
{
    /// <summary>not-running (the default: returns at once for a stopped container), next-exit, or removed.</summary>
    [Parameter]
    [ValidateSet("not-running", "next-exit", "removed")]
    public string Condition { get; set; } = "not-running";

    protected override void ProcessContainer(string container) =>
        WriteObject(Await(ct => ContainerOperations.WaitAsync(TargetEngine, container, Condition, ct)));
}
