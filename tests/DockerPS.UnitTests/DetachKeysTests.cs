using System.Text;
using DockerPS.Terminal;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>Enter-DockerContainer's -DetachKeys: docker's syntax, and finding the keys in what is typed.</summary>
public sealed class DetachKeysTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-@,ctrl-a,ctrl-z,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", new byte[] { 0, 1, 26, 27, 28, 29, 30, 31 })]
    [InlineData("x,DEL", new byte[] { (byte)'x', 127 })]
    [InlineData("ctrl-x,x", new byte[] { 24, (byte)'x' })]
    public void ParsesDockerSyntax(string text, byte[] bytes)
    {
        var keys = DetachKeys.Parse(text);
        Assert.Equal(bytes, keys.Bytes);
        Assert.Equal(text, keys.Text);
    }

    [Theory]
    [InlineData("ctrl-P")]
    [InlineData("ctrl-1")]
    [InlineData("alt-x")]
    [InlineData("xy")]
    [InlineData("a,,b")]
    [InlineData("é")]
    public void RefusesOtherKeys(string text) => Assert.Contains("is not a detach key", Assert.Throws<FormatException>(() => DetachKeys.Parse(text)).Message);

    [Fact]
    public void PassesEverythingElseIncludingEscapeSequences()
    {
        var scanner = DetachKeys.Parse(DetachKeys.Default).Scanner();
        var typed = Encoding.ASCII.GetBytes("ls\u001b[A\u0003\r");
        Assert.Equal(typed, scanner.Scan(typed, out var detach));
        Assert.False(detach);
    }

    [Fact]
    public void DetachesOnTheWholeSequenceAndSendsWhatCameBefore()
    {
        var scanner = DetachKeys.Parse(DetachKeys.Default).Scanner();
        Assert.Equal("ab"u8.ToArray(), scanner.Scan("ab\u0010\u0011cd"u8, out var detach));
        Assert.True(detach);
    }

    [Fact]
    public void HoldsABeginningBackUntilTheNextKeyTells()
    {
        var scanner = DetachKeys.Parse(DetachKeys.Default).Scanner();
        Assert.Equal("a"u8.ToArray(), scanner.Scan("a\u0010"u8, out var detach));
        Assert.False(detach);
        Assert.Empty(scanner.Scan("\u0011"u8, out detach));
        Assert.True(detach);
    }

    [Fact]
    public void SendsAHeldBeginningThatTheNextKeyDoesNotComplete()
    {
        var scanner = DetachKeys.Parse(DetachKeys.Default).Scanner();
        Assert.Empty(scanner.Scan("\u0010"u8, out _));
        Assert.Equal("\u0010x"u8.ToArray(), scanner.Scan("x"u8, out var detach));
        Assert.False(detach);
        // A repeated first key keeps the sequence open.
        Assert.Equal("\u0010"u8.ToArray(), scanner.Scan("\u0010\u0010"u8, out detach));
        Assert.Empty(scanner.Scan("\u0011"u8, out detach));
        Assert.True(detach);
    }
}
