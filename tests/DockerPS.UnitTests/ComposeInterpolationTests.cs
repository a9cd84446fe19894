using DockerPS.Compose;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>
/// Compose interpolation. Expectations were checked against docker-compose 2.40.3 (<c>config --format json</c>, a
/// service environment value); the one place it differs is noted where it is tested.
/// </summary>
public sealed class ComposeInterpolationTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["FOO"] = "first",
        ["EMPTY"] = "",
        ["_a1"] = "under",
        ["foo"] = "lower",
        ["JSON"] = """{"json":2}""",
    };

    private static string Interpolate(string value) => ComposeInterpolation.Interpolate(value, name => Variables.GetValueOrDefault(name));

    [Theory]
    [InlineData("$FOO", "first")]
    [InlineData("${FOO}", "first")]
    [InlineData("x${FOO}y", "xfirsty")]
    [InlineData("$FOO$FOO", "firstfirst")]
    [InlineData("$FOO-bar", "first-bar")]
    [InlineData("$FOO.bar", "first.bar")]
    [InlineData("$_a1", "under")]
    [InlineData("${_a1}", "under")]
    [InlineData("$foo", "lower")]
    [InlineData("é$FOOé", "éfirsté")]
    [InlineData("no variables", "no variables")]
    [InlineData("", "")]
    public void VariablesAreSubstituted(string value, string expected) => Assert.Equal(expected, Interpolate(value));

    [Theory]
    [InlineData("$UNSET")]
    [InlineData("${UNSET}")]
    [InlineData("${EMPTY}")]
    [InlineData("$_")]
    public void UnsetAndEmptyVariablesAreEmpty(string value) => Assert.Equal("", Interpolate(value));

    [Theory]
    [InlineData("$$FOO", "$FOO")]
    [InlineData("$$$FOO", "$first")]
    [InlineData("$${FOO}", "${FOO}")]
    [InlineData("a$$", "a$")]
    [InlineData("$", "$")]
    [InlineData("a $ b", "a $ b")]
    [InlineData("$}", "$}")]
    [InlineData("$-x", "$-x")]
    [InlineData("^REGEX$", "^REGEX$")]
    [InlineData("$1abc", "$1abc")] // a name does not start with a digit, so the CLI keeps this as it is
    public void DollarsThatStartNoVariableAreLiteral(string value, string expected) => Assert.Equal(expected, Interpolate(value));

    [Theory]
    [InlineData("${FOO:-d}", "first")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${UNSET:-d}", "d")]
    [InlineData("${FOO-d}", "first")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${UNSET-d}", "d")]
    [InlineData("${FOO:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${UNSET:+alt}", "")]
    [InlineData("${FOO+alt}", "alt")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${UNSET+alt}", "")]
    [InlineData("${FOO:?err}", "first")]
    [InlineData("${FOO?err}", "first")]
    [InlineData("${EMPTY?err}", "")]
    [InlineData("${UNSET:-}", "")]
    [InlineData("${UNSET:- x }", " x ")]
    [InlineData("${UNSET:-/non:-alphanumeric}", "/non:-alphanumeric")]
    [InlineData("${UNSET-x?y}", "x?y")]
    [InlineData(":?ok ${EMPTY:-d} and ${UNSET+p}.", ":?ok d and .")]
    public void DefaultsAndAlternativesTellEmptyFromUnset(string value, string expected) => Assert.Equal(expected, Interpolate(value));

    [Theory]
    [InlineData("${UNSET:-${EMPTY:-x}}", "x")]
    [InlineData("${UNSET:-${FOO:-x}}", "first")]
    [InlineData("${UNSET-$FOO}", "first")]
    [InlineData("${UNSET-${FOO} ${FOO}}", "first first")]
    [InlineData("${UNSET:-${UNSET:-${EMPTY:-deep}}}", "deep")]
    [InlineData("${FOO:+${FOO},}B", "first,B")]
    [InlineData("${UNSET:+${FOO},}B", "B")]
    [InlineData("${EMPTY+$FOO ${FOO:+second}}", "first second")]
    [InlineData("${UNSET:-$$}", "$")]
    [InlineData("${UNSET:-$${FOO}}", "${FOO}")]
    [InlineData("${UNSET:-x} ${EMPTY:-y}", "x y")]
    [InlineData("${UNSET:-x}\n${EMPTY:-y}", "x\ny")]
    [InlineData("${UNSET:-a}b}", "ab}")]
    [InlineData("${UNSET:-x}$", "x$")]
    public void DefaultsAreInterpolatedInTurn(string value, string expected) => Assert.Equal(expected, Interpolate(value));

    [Theory]
    [InlineData("""${UNSET:-{"json":1}}""", """{"json":1}""")]
    [InlineData("""${JSON:-{"json":1}}""", """{"json":2}""")]
    [InlineData("${UNSET:-{}}", "{}")]
    [InlineData("${UNSET:-{x}y}", "{x}y")]
    // The CLI's operand runs to the last } of the line when its braces do not balance...
    [InlineData("${UNSET:-{x}", "{x")]
    [InlineData("${UNSET:-{x} $FOO}", "{x} first")]
    // ...and it does not count the character after a {, so {{ and {} nest one level less.
    [InlineData("${FOO:-{{x}}}", "first}")]
    [InlineData("${FOO:-{}}}", "first")]
    public void BracesInADefaultAreCountedAsTheCliCountsThem(string value, string expected) => Assert.Equal(expected, Interpolate(value));

    /// <summary>
    /// Defaults, alternatives and messages are interpolated only when used, as compose-go does since v2.10.1; the
    /// docker-compose 2.40.3 here still interpolates them first and fails on all of these.
    /// </summary>
    [Theory]
    [InlineData("${FOO:-${UNSET:?nope}}", "first")]
    [InlineData("${UNSET:+${UNSET:?nope}}", "")]
    [InlineData("${FOO:?${UNSET:?nope}}", "first")]
    [InlineData("${FOO:-{x} ${B}", "first")]
    public void UnusedOperandsAreNotInterpolated(string value, string expected) => Assert.Equal(expected, Interpolate(value));

    [Theory]
    [InlineData("${UNSET:?need it}", "UNSET", "required variable UNSET is missing a value: need it")]
    [InlineData("${EMPTY:?need it}", "EMPTY", "required variable EMPTY is missing a value: need it")]
    [InlineData("${UNSET?need it}", "UNSET", "required variable UNSET is missing a value: need it")]
    [InlineData("${UNSET:?}", "UNSET", "required variable UNSET is missing a value")]
    [InlineData("${UNSET?}", "UNSET", "required variable UNSET is missing a value")]
    [InlineData("${UNSET:?need $FOO and ${EMPTY:-more}}", "UNSET", "required variable UNSET is missing a value: need first and more")]
    [InlineData("${UNSET:?{x}", "UNSET", "required variable UNSET is missing a value: {x")]
    [InlineData("${UNSET:-${OTHER:?inner}}", "OTHER", "required variable OTHER is missing a value: inner")]
    [InlineData("${FOO:-x} ${LATER:?last}", "LATER", "required variable LATER is missing a value: last")]
    public void MissingRequiredVariablesAreNamed(string value, string variable, string message)
    {
        var e = Assert.Throws<ComposeInterpolationException>(() => Interpolate(value));

        Assert.Equal((variable, message), (e.Variable, e.Message));
    }

    [Theory]
    [InlineData("${")]
    [InlineData("${}")]
    [InlineData("${ FOO}")]
    [InlineData("${FOO }")]
    [InlineData("${FOO!}")]
    [InlineData("${FOO:bar}")]
    [InlineData("${FOO:}")]
    [InlineData("a ${FOO")]
    [InlineData("${FOO:-x")]
    [InlineData("${1A}")]
    [InlineData("${UNSET:-${FOO}")]
    [InlineData("${UNSET:-x\n}")]
    [InlineData("${UNSET:-x}${")]
    [InlineData("$FOO ${")]
    public void MalformedTemplatesAreRefusedQuotingTheValue(string value)
    {
        var e = Assert.Throws<ComposeInterpolationException>(() => Interpolate(value));

        Assert.Null(e.Variable);
        Assert.Contains($"\"{value}\"", e.Message);
    }

    [Fact]
    public void OnlyTheNamesUsedAreLookedUp()
    {
        var asked = new List<string>();

        ComposeInterpolation.Interpolate("$A ${B} $$C ${D:-$E} ${F:+$G}", name =>
        {
            asked.Add(name);
            return name == "D" ? "d" : null;
        });

        Assert.Equal(["A", "B", "D", "F"], asked);
    }
}
