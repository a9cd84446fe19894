namespace DockerPS.Terminal;

/// <summary>
/// The key sequence that leaves an interactive session with the container running, in the docker CLI's
/// <c>--detach-keys</c> syntax: comma-separated keys, each a single character, <c>ctrl-a</c> to <c>ctrl-z</c>,
/// <c>ctrl-@</c>, <c>ctrl-[</c>, <c>ctrl-\</c>, <c>ctrl-]</c>, <c>ctrl-^</c>, <c>ctrl-_</c> or <c>DEL</c>. The default
/// is ctrl-p,ctrl-q.
/// </summary>
public sealed class DetachKeys
{
    public const string Default = "ctrl-p,ctrl-q";

    private const string ControlKeys = "@abcdefghijklmnopqrstuvwxyz[\\]^_";

    private DetachKeys(string text, byte[] bytes)
    {
        Text = text;
        Bytes = bytes;
    }

    /// <summary>The keys as the docker syntax writes them, which the engine takes too.</summary>
    public string Text { get; }

    /// <summary>The bytes the terminal sends for them.</summary>
    public IReadOnlyList<byte> Bytes { get; }

    /// <exception cref="FormatException">A key the syntax does not know.</exception>
    public static DetachKeys Parse(string text)
    {
        var bytes = new List<byte>();
        foreach (var key in text.Split(','))
        {
            if (key.Length == 1 && key[0] < 0x80)
            {
                bytes.Add((byte)key[0]);
            }
            else if (key.StartsWith("ctrl-", StringComparison.Ordinal) && key.Length == 6 && ControlKeys.IndexOf(key[5]) is >= 0 and var code)
            {
                bytes.Add((byte)code);
            }
            else if (key == "DEL")
            {
                bytes.Add(0x7f);
            }
            else
            {
                throw new FormatException(
                    $"'{key}' is not a detach key: give comma-separated keys, each a single character, ctrl-<a-z, @, [, \\, ], ^ or _> or DEL, as in '{Default}'.");
            }
        }
        return new DetachKeys(text, bytes.ToArray());
    }

    /// <summary>A scanner of one session's input.</summary>
    public DetachKeyScanner Scanner() => new(Bytes);
}

/// <summary>
/// Finds the detach keys in what is typed, as the docker CLI does: bytes that may begin the sequence are held back until
/// the next byte tells; when it completes the sequence, the session detaches and the sequence is never sent; otherwise
/// the held bytes are sent after all, followed by the rest.
/// </summary>
public sealed class DetachKeyScanner(IReadOnlyList<byte> keys)
{
    private int _matched;

    /// <summary>
    /// What of <paramref name="input"/> (after what was held back) goes to the container; <paramref name="detach"/> is
    /// true when the sequence is complete, and then what is returned is what came before it.
    /// </summary>
    public byte[] Scan(ReadOnlySpan<byte> input, out bool detach)
    {
        var send = new List<byte>(input.Length);
        detach = false;
        foreach (var b in input)
        {
            if (keys.Count > 0 && b == keys[_matched])
            {
                if (++_matched == keys.Count)
                {
                    detach = true;
                    _matched = 0;
                    return send.ToArray();
                }
                continue;
            }
            for (var i = 0; i < _matched; i++)
            {
                send.Add(keys[i]);
            }
            _matched = 0;
            if (keys.Count > 0 && b == keys[0])
            {
                _matched = 1;
                continue;
            }
            send.Add(b);
        }
        return send.ToArray();
    }
}
