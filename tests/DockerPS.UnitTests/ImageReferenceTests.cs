using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("app", "app", null)]
    [InlineData("app:v2", "app", "v2")]
    [InlineData("team/my-app_x.y:1.0-rc_1", "team/my-app_x.y", "1.0-rc_1")]
    [InlineData("a__b/c", "a__b/c", null)]
    [InlineData("localhost:5000/team/app", "localhost:5000/team/app", null)]
    [InlineData("Registry.Example.com:5000/app:Latest", "Registry.Example.com:5000/app", "Latest")]
    public void NamesAndTagsAsTheDockerCliReadsThem(string text, string repository, string? tag) =>
        Assert.Equal(new ImageReference(repository, tag), ImageReference.Parse(text));

    [Theory]
    [InlineData("App")]
    [InlineData("team/App")]
    [InlineData("app:")]
    [InlineData("app:-x")]
    [InlineData("app:.x")]
    [InlineData("-app")]
    [InlineData("app_")]
    [InlineData("a___b")]
    [InlineData("team//app")]
    [InlineData("app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("with space")]
    public void BadNamesAndTagsAreRejected(string text) => Assert.Throws<FormatException>(() => ImageReference.Parse(text));

    [Fact]
    public void ErrorsQuoteTheBadPart()
    {
        Assert.StartsWith("'team/App:1'", Assert.Throws<FormatException>(() => ImageReference.Parse("team/App:1")).Message);
        Assert.StartsWith("'-x'", Assert.Throws<FormatException>(() => ImageReference.Parse("app:-x")).Message);
    }

    [Fact]
    public void TagsHaveAtMost128Characters()
    {
        Assert.Equal(new string('t', 128), ImageReference.ParseTag(new string('t', 128)));
        Assert.Throws<FormatException>(() => ImageReference.ParseTag(new string('t', 129)));
    }
}
