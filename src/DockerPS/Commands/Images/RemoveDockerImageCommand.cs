namespace DockerPS.Commands;

/// <summary>
/// <c>docker rmi</c>: removes a name of an image, and the image with its last name (or when named by id). An image a
/// container uses, or one named by id that has several names, stays unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DockerImage", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(ImageRemoval))]
public sealed class RemoveDockerImageCommand : ImageCmdlet, IThrottledCmdlet
{
    public ThrottleParameters Throttle { get; } = new();

    /// <summary>Removes images that containers use or that have several names, as <c>docker rmi -f</c>; -WhatIf and -Confirm still apply.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Keeps the untagged parent images, as <c>docker rmi --no-prune</c>.</summary>
    [Parameter]
    public SwitchParameter NoPrune { get; set; }

    /// <summary>Writes what the engine untagged and deleted, one <see cref="ImageRemoval"/> per line of <c>docker rmi</c>'s report.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessImage(string image)
    {
        if (!ShouldProcess(image, Force ? "Remove image, even if containers use it" : "Remove image"))
        {
            return;
        }
        Dispatch((engine, ct) => ImageOperations.RemoveAsync(engine, image, Force, NoPrune, ct), removed =>
        {
            if (PassThru)
            {
                WriteObject(removed, enumerateCollection: true);
            }
        });
    }
}
