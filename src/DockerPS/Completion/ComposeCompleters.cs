using DockerPS.Compose;

namespace DockerPS.Completion;

/// <summary>Names of the compose projects that have containers on the engine (<c>docker compose ls -a</c>).</summary>
public sealed class ComposeProjectCompleter : EngineCompleter
{
    protected override Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        LabelValuesAsync(engine, ComposePlan.ProjectLabel, cancellationToken);

    /// <summary>The values one compose label has on the engine's compose containers.</summary>
    internal static async Task<IEnumerable<string>> LabelValuesAsync(DockerEngine engine, string label, CancellationToken cancellationToken) =>
        (await ContainerOperations.ListAsync(engine, new FilterSet().Add("label", ComposePlan.ProjectLabel), cancellationToken).ConfigureAwait(false))
            .Select(c => c.Labels.GetValueOrDefault(label)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}

/// <summary>Names of the services of compose projects on the engine.</summary>
public sealed class ComposeServiceCompleter : EngineCompleter
{
    protected override Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        ComposeProjectCompleter.LabelValuesAsync(engine, ComposePlan.ServiceLabel, cancellationToken);
}

/// <summary>Names of the stacks on the swarm (<c>docker stack ls</c>).</summary>
public sealed class StackNameCompleter : EngineCompleter
{
    protected override async Task<IEnumerable<string>> ListAsync(DockerEngine engine, CancellationToken cancellationToken) =>
        (await ComposeStack.ListAsync(engine, cancellationToken).ConfigureAwait(false)).Select(s => s.Name);
}
