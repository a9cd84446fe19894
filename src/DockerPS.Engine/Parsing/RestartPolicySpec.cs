using System.Globalization;

namespace DockerPS.Parsing;

/// <summary>A restart policy in the docker CLI's <c>--restart</c> syntax: no, always, unless-stopped or on-failure[:max-retries].</summary>
public sealed record RestartPolicySpec(string Name, long MaximumRetryCount)
{
    public static RestartPolicySpec Parse(string text)
    {
        var parts = text.Trim().Split(':', 2);
        var name = parts[0].ToLowerInvariant();
        long retries = 0;
        var valid = name switch
        {
            "no" or "always" or "unless-stopped" => parts.Length == 1,
            "on-failure" => parts.Length == 1 || (long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out retries)),
            _ => false,
        };
        if (!valid)
        {
            throw new FormatException($"'{text}' is not a restart policy: use no, always, unless-stopped or on-failure[:max-retries].");
        }
        return new RestartPolicySpec(name, retries);
    }
}
