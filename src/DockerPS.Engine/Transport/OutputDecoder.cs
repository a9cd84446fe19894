using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DockerPS.Errors;

namespace DockerPS.Transport;

/// <summary>
/// Turns what a container process wrote, as the engine sends it (logs, exec, attach), into lines: stdout and stderr
/// in 8-byte-header frames when the container has no TTY, one raw stream when it has. Bytes are read into one pooled
/// buffer and a line found there becomes its string directly; only a line that spans reads or frames is copied aside
/// (per stream, so frames of the other stream may come in between) until its newline arrives.
/// </summary>
internal sealed class OutputDecoder : IDisposable
{
    /// <summary>A line longer than this is written in pieces, so output without newlines cannot fill memory.</summary>
    internal const int MaxLineBytes = 1 << 20;

    private const int BufferSize = 64 * 1024;
    private const int HeaderSize = 8;
    private const int SystemError = 3;

    private readonly string _container;
    private readonly DockerEngine _engine;
    private readonly bool _multiplexed;
    private readonly bool _timestamps;
    private readonly PendingLine[] _pending = [new(), new(), new(), new()];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private int _stream = 1;
    private int _frameRemaining;
    private bool _skipTimestamp;
    private bool _completed;

    public OutputDecoder(string container, DockerEngine engine, bool multiplexed, bool timestamps)
    {
        _container = container;
        _engine = engine;
        _multiplexed = multiplexed;
        _timestamps = timestamps;
    }

    /// <summary>Reads <paramref name="stream"/> to its end as lines.</summary>
    public static async IAsyncEnumerable<ContainerLogLine> ReadAsync(
        Stream stream, string container, DockerEngine engine, bool multiplexed, bool timestamps,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var decoder = new OutputDecoder(container, engine, multiplexed, timestamps);
        while (true)
        {
            while (decoder.TryRead(out var line))
            {
                yield return line;
            }
            if (decoder._completed)
            {
                yield break;
            }
            int read;
            try
            {
                read = await stream.ReadAsync(decoder.FreeSpace(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw engine.Failure(e);
            }
            decoder.Advance(read);
        }
    }

    /// <summary>Where the next bytes read go.</summary>
    public Memory<byte> FreeSpace()
    {
        // What TryRead leaves is at most a partial frame header.
        _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        _end -= _start;
        _start = 0;
        return _buffer.AsMemory(_end);
    }

    /// <summary>Takes <paramref name="count"/> bytes written at <see cref="FreeSpace"/>; 0 means the stream ended.</summary>
    public void Advance(int count)
    {
        _end += count;
        _completed |= count == 0;
    }

    /// <summary>The next whole line; after the end, the last lines that had no newline.</summary>
    public bool TryRead([NotNullWhen(true)] out ContainerLogLine? line)
    {
        while (true)
        {
            if (_multiplexed && _frameRemaining == 0)
            {
                if (_end - _start < HeaderSize)
                {
                    return Rest(out line);
                }
                ReadHeader(_buffer.AsSpan(_start, HeaderSize));
                _start += HeaderSize;
                continue;
            }
            var available = _multiplexed ? Math.Min(_end - _start, _frameRemaining) : _end - _start;
            if (available == 0)
            {
                return Rest(out line);
            }
            var bytes = _buffer.AsSpan(_start, available);
            if (_skipTimestamp)
            {
                var space = bytes.IndexOf((byte)' ');
                _skipTimestamp = space < 0;
                Consume(space < 0 ? available : space + 1);
                continue;
            }
            var newline = bytes.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                Consume(newline + 1);
                line = Line(bytes[..newline]);
                return true;
            }
            Consume(available);
            var pending = _pending[_stream];
            pending.Append(bytes);
            if (pending.Length >= MaxLineBytes)
            {
                line = Piece(pending);
                return true;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        foreach (var pending in _pending)
        {
            pending.Dispose();
        }
    }

    private void ReadHeader(ReadOnlySpan<byte> header)
    {
        _stream = header[0] switch
        {
            // stdcopy writes stdin frames (an echo some engines send) to stdout as well.
            0 or 1 => 1,
            2 => 2,
            SystemError => SystemError,
            var other => throw new DockerEngineException(ErrorCatalog.EngineError,
                $"The Docker engine sent output of an unknown stream ({other}) for container {_container}."),
        };
        _frameRemaining = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header[4..]), int.MaxValue);
        // Each frame is one message of the engine's log; a message continuing a line the last frame left open
        // (the engine splits lines over 16 KiB) carries a timestamp of its own that is not part of the text.
        _skipTimestamp = _timestamps && _pending[_stream].Open;
    }

    private void Consume(int count)
    {
        _start += count;
        if (_multiplexed)
        {
            _frameRemaining -= count;
        }
    }

    /// <summary>At the end of the stream, the lines left without a newline; before it, nothing (more bytes are needed).</summary>
    private bool Rest([NotNullWhen(true)] out ContainerLogLine? line)
    {
        line = null;
        if (!_completed)
        {
            return false;
        }
        if (_end > _start || _frameRemaining > 0)
        {
            throw new DockerEngineException(ErrorCatalog.EngineError,
                $"The Docker engine's output stream for container {_container} ended inside a frame.");
        }
        for (var stream = 1; stream < _pending.Length; stream++)
        {
            if (_pending[stream].Length > 0)
            {
                _stream = stream;
                line = Line([]);
                return true;
            }
        }
        return false;
    }

    /// <summary>The line of the current stream that ends with <paramref name="end"/> (its bytes before the newline).</summary>
    private ContainerLogLine Line(ReadOnlySpan<byte> end)
    {
        var pending = _pending[_stream];
        var bytes = end;
        if (pending.Length > 0)
        {
            pending.Append(end);
            bytes = pending.Bytes;
        }
        // A TTY turns each newline into \r\n.
        if (!_multiplexed && bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }
        var line = Create(bytes, pending);
        pending.Clear();
        return line;
    }

    /// <summary>A piece of an overlong line, cut where no UTF-8 character is split; the rest stays pending.</summary>
    private ContainerLogLine Piece(PendingLine pending)
    {
        var bytes = pending.Bytes;
        var cut = Utf8Boundary(bytes);
        var piece = Create(bytes[..cut], pending);
        pending.KeepFrom(cut, piece.Timestamp);
        return piece;
    }

    private ContainerLogLine Create(ReadOnlySpan<byte> bytes, PendingLine pending)
    {
        var timestamp = pending.Timestamp;
        if (_timestamps && !pending.Continued)
        {
            var space = bytes.IndexOf((byte)' ');
            if (space > 0 && ParseTimestamp(bytes[..space]) is { } parsed)
            {
                timestamp = parsed;
                bytes = bytes[(space + 1)..];
            }
        }
        var text = Encoding.UTF8.GetString(bytes);
        if (_stream == SystemError)
        {
            throw new DockerEngineException(ErrorCatalog.EngineError, $"The Docker engine failed while sending output of container {_container}: {text}");
        }
        return new ContainerLogLine(_container, _stream == 2 ? ContainerLogLine.StandardError : ContainerLogLine.StandardOutput, text, timestamp, _engine);
    }

    /// <summary>
    /// The engine's RFC 3339 timestamp with nanoseconds, e.g. <c>2024-05-01T10:00:00.123456789Z</c>, truncated to
    /// DateTime's 100 ns (rounding up could put a line after itself, and -Since its own time would then skip it).
    /// </summary>
    internal static DateTime? ParseTimestamp(ReadOnlySpan<byte> ascii)
    {
        if (ascii.Length > 64)
        {
            return null;
        }
        Span<char> chars = stackalloc char[ascii.Length];
        var length = 0;
        var fractionDigits = -1;
        foreach (var b in ascii)
        {
            fractionDigits = b == '.' ? 0 : fractionDigits >= 0 && char.IsAsciiDigit((char)b) ? fractionDigits + 1 : -1;
            if (fractionDigits <= 7)
            {
                chars[length++] = (char)b;
            }
        }
        return DateTimeOffset.TryParse(chars[..length], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.LocalDateTime
            : null;
    }

    /// <summary>The length of <paramref name="bytes"/> without a trailing incomplete UTF-8 sequence.</summary>
    internal static int Utf8Boundary(ReadOnlySpan<byte> bytes)
    {
        var lead = bytes.Length - 1;
        while (lead >= 0 && bytes.Length - lead < 4 && (bytes[lead] & 0xC0) == 0x80)
        {
            lead--;
        }
        if (lead < 0)
        {
            return bytes.Length;
        }
        var first = bytes[lead];
        var size = first < 0xC0 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
        return lead + size <= bytes.Length ? bytes.Length : lead;
    }

    /// <summary>The start of a line of one stream, waiting for the rest.</summary>
    private sealed class PendingLine : IDisposable
    {
        private byte[] _bytes = [];

        public int Length { get; private set; }

        /// <summary>Earlier pieces of the line were written already (with this timestamp).</summary>
        public bool Continued { get; private set; }

        public DateTime? Timestamp { get; private set; }

        public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, Length);

        /// <summary>A line of this stream has begun and not ended.</summary>
        public bool Open => Length > 0 || Continued;

        public void Append(ReadOnlySpan<byte> bytes)
        {
            if (Length + bytes.Length > _bytes.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Length + bytes.Length, 4096));
                Bytes.CopyTo(larger);
                Return();
                _bytes = larger;
            }
            bytes.CopyTo(_bytes.AsSpan(Length));
            Length += bytes.Length;
        }

        public void KeepFrom(int start, DateTime? timestamp)
        {
            _bytes.AsSpan(start, Length - start).CopyTo(_bytes);
            Length -= start;
            Continued = true;
            Timestamp = timestamp;
        }

        public void Clear()
        {
            Length = 0;
            Continued = false;
            Timestamp = null;
        }

        public void Dispose()
        {
            Return();
            _bytes = [];
        }

        private void Return()
        {
            if (_bytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
            }
        }
    }
}
