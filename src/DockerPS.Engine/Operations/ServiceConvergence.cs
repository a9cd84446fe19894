using System.Text.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// Waiting until a service has converged, as <c>docker service create/update --detach=false</c> waits: every task it
/// should run is running the service's current task spec, an update or rollback it started has finished, and this has
/// held for the service's update monitor period (5 s when it sets none), so that tasks that start and then crash do not
/// count as converged. The counts are kept here for a progress bar; an update that paused or rolled back on failure is
/// a <see cref="ErrorCatalog.ServiceUpdateFailed"/> failure with the engine's message.
/// </summary>
public sealed class ServiceConvergence
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the converged state must hold when the service sets no update monitor period, as with the CLI.</summary>
    private static readonly TimeSpan DefaultMonitor = TimeSpan.FromSeconds(5);

    /// <summary>Tasks running the current spec.</summary>
    public int Running { get; private set; }

    /// <summary>Tasks the service should have; for a global service, the tasks the swarm wants running.</summary>
    public int Desired { get; private set; }

    /// <summary>The state of the update or rollback in progress; null when none is.</summary>
    public string? UpdateState { get; private set; }

    /// <summary>The period the converged state has still to hold before the wait ends; null while it has not converged.</summary>
    public TimeSpan? Verifying { get; private set; }

    /// <summary>The last task that failed or was rejected, and why: what a timeout reports.</summary>
    public SwarmTask? LastFailure { get; private set; }

    /// <summary>
    /// Returns once the service has converged. <paramref name="rollback"/> says a rollback was asked for: its completion
    /// is then the goal, not a failure. An update whose start is <paramref name="earlierUpdate"/> (the one the service
    /// showed before this change; null for a new service) is an earlier one and does not count.
    /// </summary>
    public async Task WaitAsync(DockerEngine engine, string serviceId, bool rollback, DateTime? earlierUpdate, CancellationToken cancellationToken)
    {
        DateTime? convergedAt = null;
        while (true)
        {
            var service = await engine.CallAsync((client, ct) => client.Swarm.InspectServiceAsync(serviceId, ct), cancellationToken).OnManager().ConfigureAwait(false);
            var tasks = await TaskOperations.ListAsync(engine, new FilterSet().Add("service", serviceId), cancellationToken).ConfigureAwait(false);
            convergedAt = Converged(service, tasks, rollback, earlierUpdate) ? convergedAt ?? DateTime.UtcNow : null;
            var monitor = service.Spec?.UpdateConfig?.Monitor is { Ticks: > 0 } period ? period : DefaultMonitor;
            Verifying = convergedAt is { } at ? monitor - (DateTime.UtcNow - at) : null;
            if (Verifying <= TimeSpan.Zero)
            {
                return;
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool Converged(SwarmService service, IReadOnlyList<SwarmTask> tasks, bool rollback, DateTime? earlierUpdate)
    {
        var spec = Comparable(service.Spec?.TaskTemplate);
        var wanted = tasks.Where(t => t.DesiredState == "running").ToArray();
        var current = wanted.Where(t => Comparable(t.GetRaw().Spec) == spec).ToArray();
        LastFailure = tasks.Where(t => t.State is "failed" or "rejected").MaxBy(t => t.StateChanged) ?? LastFailure;
        Running = current.Count(t => t.State == "running");
        Desired = service.Spec?.Mode?.Replicated?.Replicas is { } replicas ? (int)replicas : wanted.Length;
        var status = service.UpdateStatus is { StartedAt: { } started } update && started != earlierUpdate ? update : null;
        UpdateState = status?.State is "updating" or "rollback_started" ? status.State : null;
        switch (status?.State)
        {
            case "paused" or "rollback_paused":
                throw new DockerEngineException(ErrorCatalog.ServiceUpdateFailed, $"The update of service {service.Spec?.Name} is {status.State}: {status.Message}{FailureText}");
            case "rollback_completed" when !rollback:
                throw new DockerEngineException(ErrorCatalog.ServiceUpdateFailed, $"The update of service {service.Spec?.Name} was rolled back: {status.Message}{FailureText}");
        }
        // Tasks on their way out (scaled down, replaced) count until they have stopped.
        return UpdateState is null && Running >= Desired && current.Length == wanted.Length
            && !tasks.Any(t => t.DesiredState != "running" && t.State == "running");
    }

    /// <summary>The last failed task and why, to follow a message; empty when none failed.</summary>
    public string FailureText => LastFailure is { } task ? $". Task {task.Name} on {task.Node ?? "no node"} is {task.State}: {task.Error ?? task.Message}." : string.Empty;

    /// <summary>A task spec as text to compare, without the runtime kind, which the service's spec names and its tasks' do not.</summary>
    private static string Comparable(TaskSpec? spec)
    {
        var node = JsonSerializer.SerializeToNode(spec) as JsonObject;
        node?.Remove("Runtime");
        return node?.ToJsonString() ?? string.Empty;
    }
}
