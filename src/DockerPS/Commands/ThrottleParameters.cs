namespace DockerPS.Commands;

/// <summary>
/// -ThrottleLimit, for the cmdlets that change the state of many engine objects fed by the pipeline or named at once
/// (see <see cref="EngineObjectCmdlet"/>'s Dispatch).
/// </summary>
[ParameterGroup]
public sealed class ThrottleParameters
{
    /// <summary>Most engine calls in flight at once; 1 acts on one object at a time.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 16;
}

/// <summary>A cmdlet that takes <see cref="ThrottleParameters"/> (and no other dynamic parameters).</summary>
public interface IThrottledCmdlet : IDynamicParameters
{
    ThrottleParameters Throttle { get; }

    object IDynamicParameters.GetDynamicParameters() => Throttle;
}
