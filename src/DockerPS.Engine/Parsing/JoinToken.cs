using System.Text.RegularExpressions;

namespace DockerPS.Parsing;

/// <summary>
/// The shape of a swarm join token as managers issue them: <c>SWMTKN-1-&lt;root CA digest: 50 base-36
/// digits&gt;-&lt;secret: 25&gt;</c>, or <c>SWMTKN-2-&lt;0 or 1: FIPS&gt;-…</c> after it. Other text is no token at
/// all, which the engine would answer with a bare 500.
/// </summary>
public static partial class JoinToken
{
    public static bool IsWellFormed(string text) => Shape().IsMatch(text);

    [GeneratedRegex("^SWMTKN-(1|2-[01])-[0-9a-z]{50}-[0-9a-z]{25}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
