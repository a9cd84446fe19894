using System.Buffers.Binary;
using System.Text;
using DockerPS.Errors;
using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>The engine's output streams, crafted frame by frame and delivered in odd chunk sizes, decoded into lines.</summary>
public sealed class OutputDecoderTests
{
    private static readonly DockerEngine Engine = DockerEngine.Resolve(null, "unix:///unit.sock");

    /// <summary>Every read returns at most this many bytes (0: everything available at once).</summary>
    public static TheoryData<int> ChunkSizes() => [1, 2, 3, 7, 8, 9, 13, 64, 0];

    private static byte[] Frame(int stream, string text) => Frame(stream, Encoding.UTF8.GetBytes(text));

    internal static byte[] Frame(int stream, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = (byte)stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static List<ContainerLogLine> Decode(byte[] bytes, int chunk, bool multiplexed = true, bool timestamps = false) =>
        Task.Run(async () =>
        {
            var lines = new List<ContainerLogLine>();
            await foreach (var line in OutputDecoder.ReadAsync(new ChunkedStream(bytes, chunk), "c1", Engine, multiplexed, timestamps, CancellationToken.None))
            {
                lines.Add(line);
            }
            return lines;
        }).GetAwaiter().GetResult();

    private static string[] Texts(IEnumerable<ContainerLogLine> lines, string stream) =>
        lines.Where(l => l.Stream == stream).Select(l => l.Text).ToArray();

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void FramesBecomeLinesPerStream(int chunk)
    {
        // A line split over frames (with the other stream's frames in between), frames of several lines, UTF-8 split
        // inside a character, empty frames, and last lines without a newline on both streams.
        var euro = Encoding.UTF8.GetBytes("€ sign\n");
        byte[] bytes =
        [
            .. Frame(1, "one\ntw"), .. Frame(2, "err "), .. Frame(1, "o\n"), .. Frame(2, "one\nerr two\n"),
            .. Frame(1, euro[..2]), .. Frame(1, []), .. Frame(1, euro[2..]), .. Frame(1, "crlf\r\n"),
            .. Frame(1, "héllo wörld\nlast"), .. Frame(2, "e-last"),
        ];

        var lines = Decode(bytes, chunk);

        Assert.Equal(new[] { "one", "two", "€ sign", "crlf\r", "héllo wörld", "last" }, Texts(lines, "stdout"));
        Assert.Equal(new[] { "err one", "err two", "e-last" }, Texts(lines, "stderr"));
        Assert.All(lines, l => Assert.Equal(("c1", (DateTime?)null), (l.Container, l.Timestamp)));
        Assert.Equal("one", lines[0].ToString());
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void TtyOutputIsOneStreamWithoutCarriageReturns(int chunk)
    {
        var lines = Decode(Encoding.UTF8.GetBytes("first\r\nsecond line\r\n\r\nünicode\r\nno newline"), chunk, multiplexed: false);

        Assert.Equal(new[] { "first", "second line", "", "ünicode", "no newline" }, lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.Equal("stdout", l.Stream));
    }

    [Theory]
    [MemberData(nameof(ChunkSizes))]
    public void TimestampsAreTakenOffTheText(int chunk)
    {
        // The engine splits lines over 16 KiB into messages; each continuing frame has a timestamp of its own.
        byte[] bytes =
        [
            .. Frame(1, "2024-05-01T10:00:00.123456789Z first line\n"),
            .. Frame(2, "2024-05-01T10:00:01.000000001Z long "),
            .. Frame(2, "2024-05-01T10:00:02.000000000Z line\n"),
            .. Frame(1, "2024-05-01T10:00:03Z with spaces  inside\n"),
        ];

        var lines = Decode(bytes, chunk, timestamps: true);

        Assert.Equal(new[] { "first line", "long line", "with spaces  inside" }, lines.Select(l => l.Text));
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234567).ToLocalTime(), lines[0].Timestamp);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 1, DateTimeKind.Utc).ToLocalTime(), lines[1].Timestamp);
        Assert.Equal(DateTimeKind.Local, lines[2].Timestamp!.Value.Kind);
    }

    [Fact]
    public void OverlongLinesComeInPiecesThatSplitNoCharacter()
    {
        // No newline for over 2 MiB, with a 3-byte character across every possible cut.
        var text = string.Concat(Enumerable.Repeat("ab€", OutputDecoder.MaxLineBytes / 5 * 2)) + "end";

        var lines = Decode([.. Frame(1, text + "\n"), .. Frame(2, "after\n")], 1000);

        var stdout = Texts(lines, "stdout");
        Assert.True(stdout.Length >= 2, $"{stdout.Length} pieces");
        Assert.All(stdout, piece => Assert.DoesNotContain('\uFFFD', piece));
        Assert.Equal(text, string.Concat(stdout));
        Assert.Equal(new[] { "after" }, Texts(lines, "stderr"));
    }

    [Fact]
    public void StdinFramesCountAsStdout() =>
        Assert.Equal(new[] { "echo" }, Texts(Decode(Frame(0, "echo\n"), 0), "stdout"));

    [Fact]
    public void AStreamEndingInsideAFrameIsAnEngineError()
    {
        var truncated = Frame(1, "cut short\n")[..12];

        var error = Assert.Throws<DockerEngineException>(() => Decode(truncated, 5));

        Assert.Equal(ErrorCatalog.EngineError, error.Code);
        Assert.Contains("ended inside a frame", error.Message);
    }

    [Fact]
    public void UnknownStreamsAndEngineErrorFramesAreEngineErrors()
    {
        Assert.Contains("unknown stream (7)", Assert.Throws<DockerEngineException>(() => Decode(Frame(7, "x\n"), 0)).Message);
        Assert.EndsWith(": log file is gone", Assert.Throws<DockerEngineException>(() => Decode([.. Frame(1, "ok\n"), .. Frame(3, "log file is gone")], 0)).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x62 }, 2)]
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 }, 1)]
    [InlineData(new byte[] { 0x61, 0xE2, 0x82, 0xAC }, 4)]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 }, 0)]
    [InlineData(new byte[] { 0x61, 0xC3 }, 1)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80 }, 4)]
    public void Utf8BoundaryKeepsWholeCharacters(byte[] bytes, int boundary) => Assert.Equal(boundary, OutputDecoder.Utf8Boundary(bytes));

    /// <summary>A stream that hands out its bytes a few at a time, as a network might.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(chunk > 0 && buffer.Length > chunk ? buffer[..chunk] : buffer, cancellationToken);
    }
}
