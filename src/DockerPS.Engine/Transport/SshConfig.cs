namespace DockerPS.Transport;

/// <summary>What ~/.ssh/config says about one host alias.</summary>
/// <param name="HostName">The real host name (<c>%h</c> expanded), or null to use the alias itself.</param>
/// <param name="IdentityFiles">Key files, in order (ssh tries every IdentityFile given, so they accumulate).</param>
/// <param name="Unsupported">The first keyword that applies but DockerPS cannot honour (ProxyCommand), or null.</param>
/// <param name="IdentitiesOnly">Only the key files, not the ssh-agent's keys.</param>
/// <param name="IdentityAgent">The agent's socket (<c>~</c> expanded), <c>none</c>, <c>SSH_AUTH_SOCK</c> or null (the variable).</param>
/// <param name="ProxyJump">The jump host to connect through (<c>[user@]host[:port]</c>), or null.</param>
internal sealed record SshHostConfig(string? HostName, int? Port, string? User, IReadOnlyList<string> IdentityFiles, string? Unsupported,
    bool IdentitiesOnly = false, string? IdentityAgent = null, string? ProxyJump = null);

/// <summary>
/// The part of ssh_config(5) that names where and as whom to log in: <c>Host</c> sections with patterns (<c>*</c>,
/// <c>?</c>, <c>!</c>), and HostName, Port, User, IdentityFile, IdentitiesOnly, IdentityAgent and ProxyJump, the first
/// value obtained winning as in ssh.
/// <c>Match</c> sections are skipped and <c>Include</c> is not followed. Hand-written: SSH.NET reads no ssh config.
/// </summary>
internal static class SshConfig
{
    public static SshHostConfig Resolve(string text, string alias, string home)
    {
        string? hostName = null, user = null, unsupported = null, agent = null, jump = null;
        int? port = null;
        bool? identitiesOnly = null;
        var identities = new List<string>();
        // Lines before the first Host apply to every host.
        var applies = true;
        foreach (var raw in text.Split('\n'))
        {
            if (!TrySplit(raw, out var keyword, out var value))
            {
                continue;
            }
            switch (keyword)
            {
                case "host":
                    applies = KnownHosts.Matches(value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries), alias);
                    continue;
                case "match":
                    applies = false;
                    continue;
            }
            if (!applies)
            {
                continue;
            }
            switch (keyword)
            {
                case "hostname":
                    hostName ??= value.Replace("%h", alias, StringComparison.Ordinal).Replace("%%", "%", StringComparison.Ordinal);
                    break;
                case "port" when int.TryParse(value, out var number) && number is > 0 and < 65536:
                    port ??= number;
                    break;
                case "user":
                    user ??= value;
                    break;
                case "identityfile":
                    identities.Add(Expanded(value, home));
                    break;
                case "identitiesonly":
                    identitiesOnly ??= value.Equals("yes", StringComparison.OrdinalIgnoreCase);
                    break;
                case "identityagent":
                    agent ??= Expanded(value, home);
                    break;
                case "proxyjump":
                    // "none" is a value too: it wins over later ones.
                    jump ??= value;
                    break;
                case "proxycommand" when !value.Equals("none", StringComparison.OrdinalIgnoreCase):
                    unsupported ??= "ProxyCommand";
                    break;
            }
        }
        return new SshHostConfig(hostName, port, user, identities, unsupported, identitiesOnly ?? false, agent,
            jump is null || jump.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : jump);
    }

    /// <summary>A ProxyJump destination, <c>[ssh://][user@]host[:port]</c>; null for a list of several (not supported).</summary>
    public static (string? User, string Host, int? Port)? ParseJump(string jump)
    {
        if (jump.Contains(','))
        {
            return null;
        }
        var text = jump.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) ? jump[6..].TrimEnd('/') : jump;
        var at = text.LastIndexOf('@');
        var user = at > 0 ? text[..at] : null;
        var hostPort = text[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        int? port = null;
        // A port follows the only colon, or the bracket of an IPv6 address ([::1]:22).
        var hasPort = hostPort.StartsWith('[') ? hostPort.IndexOf("]:", StringComparison.Ordinal) == colon - 1 : hostPort.IndexOf(':') == colon;
        if (colon > 0 && hasPort && int.TryParse(hostPort[(colon + 1)..], out var number) && number is > 0 and < 65536)
        {
            port = number;
            hostPort = hostPort[..colon];
        }
        return (user, hostPort.Trim('[', ']'), port);
    }

    private static string Expanded(string path, string home) => path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;

    /// <summary><c>Keyword value</c> or <c>Keyword=value</c>, the keyword lower-cased, a quoted value unquoted.</summary>
    private static bool TrySplit(string line, out string keyword, out string value)
    {
        var text = line.Trim();
        keyword = value = string.Empty;
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return false;
        }
        var end = text.IndexOfAny([' ', '\t', '=']);
        if (end < 0)
        {
            return false;
        }
        keyword = text[..end].ToLowerInvariant();
        value = text[end..].TrimStart(' ', '\t', '=').Trim();
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }
        return value.Length > 0;
    }
}
