using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>Waiting for a swarm service to converge, with progress, as New- and Set-DockerService do unless -Detach.</summary>
public abstract partial class DockerCmdlet
{
    /// <summary>With -WithRegistryAuth, the stored credentials for the image's registry, which the nodes pull with; else none.</summary>
    protected RegistryCredential? RegistryAuthFor(string? image, bool withRegistryAuth) => withRegistryAuth && image is not null
        ? StoredCredentialFor(InvalidParameterSyntaxException.Parse("Reference", image, text => ImageReference.Parse(text, allowDigest: true)))
        : null;

    /// <summary>
    /// Waits until the service has converged (see <see cref="ServiceConvergence"/>), showing its running and desired
    /// tasks; past <paramref name="timeout"/> seconds it is a ServiceNotConverged failure naming the last failed task.
    /// </summary>
    protected void WaitForService(DockerEngine engine, string id, string name, bool rollback, DateTime? earlierUpdate, int? timeout)
    {
        var convergence = new ServiceConvergence();
        var record = new ProgressRecord(NextActivityId(), $"Service {name}", "Converging");
        var converged = AwaitReporting(async ct =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (timeout is { } seconds)
            {
                limit.CancelAfter(TimeSpan.FromSeconds(seconds));
            }
            try
            {
                await convergence.WaitAsync(engine, id, rollback, earlierUpdate, limit.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }, done =>
        {
            record.StatusDescription = $"{convergence.Running}/{convergence.Desired} tasks running"
                + (convergence.UpdateState is { } state ? $", {state.Replace('_', ' ')}" : "")
                + (convergence.Verifying is { } left ? $", verifying they stay up ({Math.Max(0, Math.Ceiling(left.TotalSeconds))} s)" : "");
            record.PercentComplete = convergence.Desired == 0 ? -1 : Math.Min(100, 100 * convergence.Running / convergence.Desired);
            record.RecordType = done ? ProgressRecordType.Completed : ProgressRecordType.Processing;
            WriteProgress(record);
        });
        if (!converged)
        {
            throw new DockerEngineException(ErrorCatalog.ServiceNotConverged,
                $"Service {name} did not converge in {timeout} s: {convergence.Running} of {convergence.Desired} tasks running{convergence.FailureText}");
        }
    }
}
