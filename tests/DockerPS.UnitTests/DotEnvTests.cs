using DockerPS.Compose;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>
/// The compose .env / env_file format. Expectations were checked against docker-compose 2.40.3 (an env_file read by
/// <c>config --format json</c>); where this parser chooses differently, the test says so.
/// </summary>
public sealed class DotEnvTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["FOO"] = "first", ["EMPTY"] = "" };

    private static IReadOnlyList<KeyValuePair<string, string?>> Parse(string text, IReadOnlyDictionary<string, string>? variables = null) =>
        DotEnv.Parse(text, name => (variables ?? Variables).GetValueOrDefault(name));

    private static string[] Entries(string text, IReadOnlyDictionary<string, string>? variables = null) =>
        [.. Parse(text, variables).Select(e => $"{e.Key}={e.Value}")];

    /// <summary>The value the text gives A.</summary>
    private static string? A(string text) => Assert.Single(Parse(text)).Value;

    [Theory]
    [InlineData("A=1", "1")]
    [InlineData("export A=1", "1")]
    [InlineData("  export\tA  =  1  ", "1")]
    [InlineData("A: yaml style", "yaml style")]
    [InlineData("A:x", "x")]
    [InlineData("A=b=c", "b=c")]
    [InlineData("A=  spaced value  ", "spaced value")]
    [InlineData("A=", "")]
    [InlineData("A=\"\"", "")]
    [InlineData("A=''", "")]
    [InlineData("A=1\r\n", "1")]
    [InlineData("\uFEFFA=1", "1")]
    [InlineData("A=a\"b\"c", "a\"b\"c")]
    [InlineData("A=a'b", "a'b")]
    [InlineData(@"A=a\nb", @"a\nb")]
    public void ValuesAreReadToTheEndOfTheLineAndTrimmed(string text, string expected) => Assert.Equal(expected, A(text));

    [Theory]
    [InlineData("A=1 # comment", "1")]
    [InlineData("A=a # b # c", "a")]
    [InlineData("A=1 #", "1")]
    [InlineData("A=x#y", "x#y")]
    [InlineData("A=x\t#tab", "x\t#tab")] // only a space before # starts a comment
    [InlineData("A= #not a comment", "#not a comment")] // the blanks after = go first
    [InlineData("A=\"x\" # comment", "x")]
    [InlineData("A='x' # comment", "x")]
    [InlineData("A=\"x # y\"", "x # y")]
    public void AnUnquotedValueEndsAtSpaceHash(string text, string expected) => Assert.Equal(expected, A(text));

    [Theory]
    [InlineData("A='$FOO ${UNSET:?x} $$'", "$FOO ${UNSET:?x} $$")]
    [InlineData(@"A='a\nb'", @"a\nb")]
    [InlineData(@"A='x\'y'", "x'y")]
    [InlineData(@"A='a\\b'", @"a\\b")]
    [InlineData(@"A='a\""b'", @"a\""b")]
    [InlineData("A=  '  padded  '  ", "  padded  ")]
    public void SingleQuotedValuesAreLiteral(string text, string expected) => Assert.Equal(expected, A(text));

    [Theory]
    [InlineData(@"A=""1\n2""", "1\n2")]
    [InlineData(@"A=""\t\r\a\b\f\v""", "\t\r\a\b\f\v")]
    [InlineData(@"A=""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"A=""a\\b""", @"a\b")]
    [InlineData(@"A=""a\\""", @"a\")]
    [InlineData(@"A=""\$FOO""", "$FOO")]
    [InlineData(@"A=""\c\x\'""", @"\c\x\'")]
    [InlineData(@"A=""\0101\0351\01234""", "AéS4")]
    // \0 and digits that are not three octal digits up to 377 stay, less their 0, as the CLI showed.
    [InlineData(@"A=""\012|\0999|\0400|\0""", @"\12|\999|\400|\")]
    public void DoubleQuotedValuesTakeEscapes(string text, string expected) => Assert.Equal(expected, A(text));

    [Theory]
    [InlineData("A=$FOO", "first")]
    [InlineData("A=${UNSET:-d}/${EMPTY-e}", "d/")]
    [InlineData("A=$$FOO", "$FOO")]
    [InlineData("A=\"${FOO}-$FOO\"", "first-first")]
    [InlineData("A=\"$$FOO\"", "$FOO")]
    [InlineData(@"A=""\\$FOO""", @"\first")]
    [InlineData("A=\"\\0044FOO\"", "first")] // the escape makes a $ that is then interpolated
    public void UnquotedAndDoubleQuotedValuesAreInterpolated(string text, string expected) => Assert.Equal(expected, A(text));

    [Fact]
    public void QuotedValuesSpanLines() =>
        Assert.Equal(["A=line1\nline2", "B=x\n  y", "C=after"], Entries("A=\"line1\nline2\"\nB='x\n  y'\nC=after\n"));

    [Fact]
    public void BlankLinesAndCommentsAreSkippedAndEntriesKeepTheirOrder() =>
        Assert.Equal(["Z=1", "A=2", "Z=3"], Entries("\n# comment\n  # indented comment\nZ=1\n\n\t\nA=2\r\n#Z=9\nZ=3\n"));

    [Fact]
    public void NamesMayHoldLettersDigitsDotsDashesAndBrackets() =>
        Assert.Equal(["a.b-c[0]=1", "été=2", "1A=3", "_x=4", "export=5"], Entries("a.b-c[0]=1\nété=2\n1A=3\n_x=4\nexport=5\n"));

    [Fact]
    public void ValuesSeeTheValuesBeforeThem() =>
        Assert.Equal(["A=1", "B=1x", "C=1xy", "D=", "E=unset", "LATER=2"], Entries("A=1\nB=${A}x\nC=\"${B}y\"\nD=\nE=${D:+set}${LATER-unset}\nLATER=2\n"));

    [Fact]
    public void TheLookupWinsOverEarlierValues() =>
        Assert.Equal(["A=1", "B=outerx"], Entries("A=1\nB=${A}x\n", new Dictionary<string, string> { ["A"] = "outer" }));

    [Fact]
    public void ABareNameTakesItsValueFromTheLookupOrIsLeftOut() =>
        Assert.Equal(["FOO=first", "EMPTY=", "C=1", "D=first"], Entries("FOO\nUNSET\nEMPTY\nC=1\nD=$FOO$UNSET\n"));

    [Fact]
    public void ABareNameKeepsAnEarlierValue() => Assert.Equal(["A=1", "A=1"], Entries("A=1\nA\n"));

    /// <summary>The CLI stores a last line without a line break under an empty name (a compose-go slip); here it is a bare name.</summary>
    [Fact]
    public void ABareNameMayEndTheText() => Assert.Equal(["C=1", "FOO=first"], Entries("C=1\nFOO"));

    [Fact]
    public void TextAfterAClosingQuoteIsTheNextStatement() =>
        Assert.Equal(["A=x", "B=2", "C=y"], Entries("A=\"x\" B=2\nC='y'UNSET\n"));

    [Fact]
    public void NothingIsNoEntries() => Assert.Empty(Parse(" \n# only a comment\n\n"));

    [Theory]
    [InlineData("A=1\n\nKEY NAME=x", 3, "a variable name cannot contain a space")]
    [InlineData("A=\"x\ny\"\nB NAME\n", 3, "a variable name cannot contain a space")]
    [InlineData("A=1\n# c\nK$=1", 3, "unexpected character '$' in variable name 'K$=1'")]
    [InlineData("A=1\n\"K\"=1\n", 2, "unexpected character '\"' in variable name '\"K\"=1'")]
    [InlineData("A=1\nK#=1\n", 2, "unexpected character '#'")]
    // The CLI names the last line of the file, not the line the value starts on.
    [InlineData("A=1\nB=\"open\nC=2\n\n", 2, "unterminated quoted value \"open")]
    [InlineData("A=1\nB='open", 2, "unterminated quoted value 'open")]
    [InlineData("A=\"x\\\"", 1, "unterminated quoted value")]
    // The CLI takes these as a variable with an empty name.
    [InlineData("A=1\n=value", 2, "no variable name before '='")]
    [InlineData(" : x", 1, "no variable name before ':'")]
    public void MalformedLinesAreRefusedWithTheirNumber(string text, int line, string problem)
    {
        var e = Assert.Throws<FormatException>(() => Parse(text));

        Assert.StartsWith($"Line {line}: {problem}", e.Message);
    }

    /// <summary>The CLI reports these without a line number.</summary>
    [Theory]
    [InlineData("A=1\nB=${C:?oops}", "C", "Line 2: required variable C is missing a value: oops")]
    [InlineData("A=\"x\ny\"\nB=\"${C?}\"", "C", "Line 3: required variable C is missing a value")]
    [InlineData("A=1\nB=${C", null, "Line 2: Invalid interpolation format in \"${C\"")]
    [InlineData("A=\"x\n${\"", null, "Line 1: Invalid interpolation format in \"x\n${\"")]
    public void ValuesThatCannotBeInterpolatedAreRefusedWithTheirLineNumber(string text, string? variable, string message)
    {
        var e = Assert.Throws<ComposeInterpolationException>(() => Parse(text));

        Assert.Equal(variable, e.Variable);
        Assert.StartsWith(message, e.Message);
    }
}
