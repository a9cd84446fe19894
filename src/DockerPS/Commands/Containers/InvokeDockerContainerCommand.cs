using System.Management.Automation;
using DockerPS.Errors;
using DockerPS.Formatting;
using DockerPS.Operations;

namespace DockerPS.Commands;

/// <summary>
/// <c>docker run</c>: creates a container, attaches to its output, starts it and passes the output to the pipeline until it exits and
/// reports the exit code (stdout as output, stderr as host information, as for Invoke-DockerExec). -Detach writes the
/// started container instead. -Remove removes the container afterwards, also when it failed or Ctrl+C stopped the
/// command.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerContainer", DefaultParameterSetName = WaitSet, SupportsShouldProcess = true)]
[OutputType(typeof(string), ParameterSetName = [WaitSet])]
[OutputType(typeof(ContainerDetail), ParameterSetName = [DetachSet])]
public sealed class InvokeDockerContainerCommand : ContainerCreateCmdlet
{
    private const string WaitSet = "Wait";
    private const string DetachSet = "Detach";
    public const string ContainerExitCode = "ContainerExitCode";

    /// <summary>How long removing the container after Ctrl+C may take.</summary>
    private static readonly TimeSpan RemoveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Writes the started container instead of waiting for it.</summary>
    [Parameter(ParameterSetName = DetachSet, Mandatory = true)]
    public SwitchParameter Detach { get; set; }

    /// <summary>
    /// Removes the container (and its anonymous volumes) when it exits, like <c>docker run --rm</c>: after the
    /// output was read, or when the command fails or is stopped; with -Detach, the engine removes it when it exits.
    /// </summary>
    [Parameter]
    public SwitchParameter Remove { get; set; }

    protected override void ProcessItem()
    {
        if (BuildSpec(autoRemove: Detach && Remove) is not { } spec
            || !ShouldProcess(Name is null ? Image : $"{Name} ({Image})", "Run container")
            || Create(spec) is not { } id)
        {
            return;
        }
        var container = Name ?? Display.ShortId(id);
        try
        {
            // Attached before the start, as docker run does, so the output is whole from the first byte to the last.
            using var session = Detach ? null : Await(ct => ContainerOperations.AttachAsync(TargetEngine, id, spec.Tty, ct));
            Await(ct => ContainerOperations.StartAsync(TargetEngine, id, ct));
            if (session is null)
            {
                WriteObject(Await(ct => ContainerOperations.InspectAsync(TargetEngine, id, ct)));
                return;
            }
            var output = new ProcessOutput(this);
            foreach (var line in AwaitEach(session.ReadAsync))
            {
                output.Write(line);
            }
            var exitCode = Await(ct => ContainerOperations.WaitAsync(TargetEngine, id, "not-running", ct));
            output.Exit((int)exitCode, ContainerExitCode, string.Join(' ', Command ?? [Image]), container);
        }
        finally
        {
            if (Remove && !Detach)
            {
                RemoveAfterRun(id);
            }
        }
    }

    /// <summary>Removes the container even when the pipeline is stopping, whose token is already cancelled.</summary>
    private void RemoveAfterRun(string id)
    {
        using var timeout = new CancellationTokenSource(RemoveTimeout);
        try
        {
            ContainerOperations.RemoveAsync(TargetEngine, id, force: true, volumes: true, timeout.Token).GetAwaiter().GetResult();
        }
        catch (DockerEngineException e) when (!Cancellation.IsCancellationRequested)
        {
            WriteError(ErrorFor(e, id));
        }
        catch (Exception e) when (Cancellation.IsCancellationRequested && e is DockerEngineException or OperationCanceledException)
        {
            // Stopping: nothing can be written any more, and the container is the engine's to clean up.
        }
    }
}
