namespace DockerPS.Connection;

/// <summary>
/// How long a request may take to connect and be answered (see <see cref="Transport.TimeoutHandler"/>): none unless the
/// caller sets one for the calls it starts inside <see cref="Use"/>, from -EngineTimeoutSeconds or
/// <see cref="Variable"/>, as <see cref="EngineCallLog"/> is scoped.
/// </summary>
public static class EngineTimeout
{
    /// <summary>The environment variable that sets it, in seconds.</summary>
    public const string Variable = "DOCKERPS_ENGINE_TIMEOUT";

    private static readonly AsyncLocal<TimeSpan?> Current = new();

    internal static TimeSpan? Active => Current.Value;

    /// <summary>Calls started until the scope is disposed are held to <paramref name="timeout"/>; null: to none.</summary>
    public static Scope Use(TimeSpan? timeout)
    {
        var previous = Current.Value;
        if (previous != timeout)
        {
            Current.Value = timeout;
        }
        return new Scope(previous, timeout);
    }

    /// <summary>The variable's value as a timeout; null when unset, and an error for text that is not a positive number of seconds.</summary>
    public static TimeSpan? FromEnvironment(Func<string, string?> getEnv) => getEnv(Variable) switch
    {
        null or "" => null,
        var text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0 && seconds <= int.MaxValue => TimeSpan.FromSeconds(seconds),
        var text => throw new FormatException($"{Variable}='{text}' is not a number of seconds greater than 0."),
    };

    /// <summary>Puts back the timeout in use before <see cref="Use"/>.</summary>
    public readonly struct Scope(TimeSpan? previous, TimeSpan? used) : IDisposable
    {
        public void Dispose()
        {
            if (previous != used)
            {
                Current.Value = previous;
            }
        }
    }
}
