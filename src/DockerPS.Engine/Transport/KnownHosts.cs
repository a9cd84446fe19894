using System.Security.Cryptography;
using System.Text;

namespace DockerPS.Transport;

/// <summary>What known_hosts says about a host key.</summary>
internal enum HostKeyVerdict
{
    /// <summary>A line for this host has exactly this key.</summary>
    Known,

    /// <summary>No line names this host with a key of this type.</summary>
    Unknown,

    /// <summary>The host has a different key of the same type on record: possibly a man in the middle.</summary>
    Changed,

    /// <summary>The key is marked <c>@revoked</c>.</summary>
    Revoked,
}

/// <summary>
/// An OpenSSH known_hosts file (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): plain and hashed (<c>|1|salt|hmac</c>) host
/// names, <c>[host]:port</c> for other ports than 22, patterns with <c>*</c>, <c>?</c> and <c>!</c>, the <c>@revoked</c>
/// marker, several keys per host. <c>@cert-authority</c> lines are skipped: host certificates are not supported.
/// Hand-written: SSH.NET has no known_hosts support.
/// </summary>
internal sealed class KnownHosts
{
    private readonly IReadOnlyList<Entry> _entries;

    private KnownHosts(IReadOnlyList<Entry> entries) => _entries = entries;

    private sealed record Entry(bool Revoked, string[] Patterns, string KeyType, byte[] Key);

    public static KnownHosts Parse(string text)
    {
        var entries = new List<Entry>();
        foreach (var raw in text.Split('\n'))
        {
            var fields = raw.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }
            var revoked = false;
            if (fields[0].StartsWith('@'))
            {
                if (fields[0] != "@revoked")
                {
                    continue;
                }
                revoked = true;
                fields = fields[1..];
            }
            if (fields.Length < 3 || !TryBase64(fields[2], out var key))
            {
                continue;
            }
            entries.Add(new Entry(revoked, fields[0].Split(','), fields[1], key));
        }
        return new KnownHosts(entries);
    }

    public static KnownHosts Load(string path) => new FileInfo(path).Exists ? Parse(File.ReadAllText(path)) : Parse(string.Empty);

    /// <summary>The name known_hosts files use for a host: <c>host</c> on port 22, else <c>[host]:port</c>.</summary>
    public static string HostName(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>A line recording a key for a host, as ssh writes it when HashKnownHosts is off.</summary>
    public static string Line(string hostName, string keyType, byte[] key) => $"{hostName} {keyType} {Convert.ToBase64String(key)}";

    /// <summary>The key types on record for a host (revoked ones aside), so the client can ask the server for one of them.</summary>
    public IReadOnlySet<string> KeyTypesOf(string hostName) =>
        _entries.Where(e => !e.Revoked && Matches(e.Patterns, hostName)).Select(e => e.KeyType).ToHashSet(StringComparer.Ordinal);

    public HostKeyVerdict Check(string hostName, string keyType, byte[] key)
    {
        // A revoked key is refused whichever host it is for.
        if (_entries.Any(e => e.Revoked && e.KeyType == keyType && e.Key.AsSpan().SequenceEqual(key)))
        {
            return HostKeyVerdict.Revoked;
        }
        var recorded = _entries.Where(e => !e.Revoked && e.KeyType == keyType && Matches(e.Patterns, hostName)).ToList();
        if (recorded.Any(e => e.Key.AsSpan().SequenceEqual(key)))
        {
            return HostKeyVerdict.Known;
        }
        return recorded.Count > 0 ? HostKeyVerdict.Changed : HostKeyVerdict.Unknown;
    }

    /// <summary>A host matches a pattern list when a pattern matches it and no negated (<c>!</c>) pattern does.</summary>
    internal static bool Matches(IEnumerable<string> patterns, string hostName)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith("|1|", StringComparison.Ordinal))
            {
                matched |= HashedMatches(pattern, hostName);
            }
            else if (pattern.StartsWith('!'))
            {
                if (Wildcard.Matches(pattern[1..], hostName))
                {
                    return false;
                }
            }
            else
            {
                matched |= Wildcard.Matches(pattern, hostName);
            }
        }
        return matched;
    }

    /// <summary><c>|1|base64(salt)|base64(HMAC-SHA1(salt, host))</c>, as ssh-keygen -H writes it.</summary>
    private static bool HashedMatches(string pattern, string hostName)
    {
        var parts = pattern.Split('|');
        if (parts.Length != 4 || !TryBase64(parts[2], out var salt) || !TryBase64(parts[3], out var hash))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostName)), hash);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length];
        if (Convert.TryFromBase64String(text, bytes, out var length))
        {
            bytes = bytes[..length];
            return true;
        }
        return false;
    }
}

/// <summary>ssh's host patterns: <c>*</c> any run of characters, <c>?</c> one character, case-insensitive.</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string text) => Matches(pattern.AsSpan(), text.AsSpan());

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        while (!pattern.IsEmpty)
        {
            if (pattern[0] == '*')
            {
                pattern = pattern[1..];
                for (var i = 0; i <= text.Length; i++)
                {
                    if (Matches(pattern, text[i..]))
                    {
                        return true;
                    }
                }
                return false;
            }
            if (text.IsEmpty || (pattern[0] != '?' && char.ToLowerInvariant(pattern[0]) != char.ToLowerInvariant(text[0])))
            {
                return false;
            }
            pattern = pattern[1..];
            text = text[1..];
        }
        return text.IsEmpty;
    }
}
