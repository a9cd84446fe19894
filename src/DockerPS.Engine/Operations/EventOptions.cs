namespace DockerPS.Operations;

/// <summary>Which events <see cref="EventOperations.ReadAsync"/> reads (<c>docker events --since --until --filter</c>).</summary>
public sealed class EventOptions
{
    /// <summary>Past events from this time on; without it, only the events from now on (or, with Until, the engine's recent ones).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The stream ends at this time; without it, it goes on until cancelled.</summary>
    public DateTimeOffset? Until { get; init; }

    public FilterSet Filters { get; init; } = new();
}
