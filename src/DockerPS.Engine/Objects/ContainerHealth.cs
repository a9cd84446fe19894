using System.Text.RegularExpressions;
using Docker.DotNet.Models;

namespace DockerPS;

/// <summary>
/// A container's health check, as <c>docker ps</c> and <c>docker inspect</c> report it; prints as its status. Status is
/// none (no health check; in a list also a container that is not running, as docker ps shows it), starting, healthy or
/// unhealthy. A list knows the status only (and, from API 1.52, the failing streak); inspect knows the last probe too.
/// </summary>
public sealed partial record ContainerHealth(string Status, long? FailingStreak, long? LastExitCode, string? LastOutput)
{
    public const string None = "none";
    public const string Starting = "starting";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";

    private static readonly ContainerHealth NoHealthCheck = new(None, null, null, null);

    /// <summary>docker ps's status text ends with the health of a running container that has a check: <c>Up 5 seconds (health: starting)</c>.</summary>
    [GeneratedRegex(@"\((?:health: )?(starting|healthy|unhealthy)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusSuffix();

    /// <summary>A list entry's health: the engine's own summary (API 1.52 and later), else what its status text says.</summary>
    internal static ContainerHealth FromList(ContainerListResponse raw)
    {
        if (raw.Health is { Status: { Length: > 0 } status } summary)
        {
            return new(status, summary.FailingStreak, null, null);
        }
        var match = StatusSuffix().Match(raw.Status ?? string.Empty);
        return match.Success ? new(match.Groups[1].Value, null, null, null) : NoHealthCheck;
    }

    /// <summary>An inspect answer's health, with its last probe; none without a health check.</summary>
    internal static ContainerHealth FromState(Health? health)
    {
        if (health is null || string.IsNullOrEmpty(health.Status))
        {
            return NoHealthCheck;
        }
        var last = health.Log?.LastOrDefault();
        return new(health.Status, health.FailingStreak, last?.ExitCode, last?.Output?.TrimEnd('\n', '\r'));
    }

    public override string ToString() => Status;
}
