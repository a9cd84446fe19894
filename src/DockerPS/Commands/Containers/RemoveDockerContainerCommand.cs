namespace DockerPS.Commands;

/// <summary><c>docker rm</c>: removes containers; -Force also removes running ones (killing them), as <c>docker rm -f</c>.</summary>
[Cmdlet(VerbsCommon.Remove, "DockerContainer", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class RemoveDockerContainerCommand : ContainerCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Kills and removes running containers too (<c>docker rm -f</c>); -WhatIf and -Confirm still apply.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also removes the anonymous volumes of the container (<c>docker rm -v</c>).</summary>
    [Parameter]
    public SwitchParameter Volumes { get; set; }

    protected override void ProcessContainer(string container)
    {
        if (ShouldProcess(container, Force ? "Remove container, killing it if it runs" : "Remove container"))
        {
            DispatchChange(container, (engine, ct) => ContainerOperations.RemoveAsync(engine, container, Force, Volumes, ct), passThru: false);
        }
    }
}
