using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class JoinTokenTests
{
    private const string Digest = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcd";
    private const string Secret = "zyxwvutsrqponmlkjihgfedcb";

    [Theory]
    [InlineData($"SWMTKN-1-{Digest}-{Secret}")]
    [InlineData($"SWMTKN-2-1-{Digest}-{Secret}")]
    [InlineData($"SWMTKN-2-0-{Digest}-{Secret}")]
    public void ManagersTokensAreWellFormed(string token) => Assert.True(JoinToken.IsWellFormed(token));

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    [InlineData($"SWMTKN-1-{Digest}")]
    [InlineData($"SWMTKN-3-{Digest}-{Secret}")]
    [InlineData($"SWMTKN-2-{Digest}-{Secret}")]
    [InlineData($"SWMTKN-1-{Digest}x-{Secret}")]
    [InlineData($"SWMTKN-1-{Digest}-{Secret}x")]
    [InlineData($"SWMTKN-1-{Digest}-ZYXWVUTSRQPONMLKJIHGFEDCB")]
    [InlineData($" SWMTKN-1-{Digest}-{Secret}")]
    public void OtherTextIsNot(string text) => Assert.False(JoinToken.IsWellFormed(text));
}
