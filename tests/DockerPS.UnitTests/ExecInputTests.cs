using System.Management.Automation;
using System.Text;
using DockerPS.Commands;
using Xunit;

namespace DockerPS.UnitTests;

/// <summary>What Invoke-DockerExec writes to stdin for each input object.</summary>
public sealed class ExecInputTests
{
    [Fact]
    public void BytesGoAsTheyAre() => Assert.Equal(new byte[] { 0, 1, 255 }, RunningProcess.Encode(new byte[] { 0, 1, 255 }));

    [Fact]
    public void SingleBytesGoAsTheyAre() => Assert.Equal(new byte[] { 65 }, RunningProcess.Encode(PSObject.AsPSObject((byte)65)));

    [Fact]
    public void TextGoesAsUtf8Lines()
    {
        Assert.Equal("héllo\n", Encoding.UTF8.GetString(RunningProcess.Encode("héllo")));
        Assert.Equal("a\nb\n\n", Encoding.UTF8.GetString(RunningProcess.Encode(new object[] { "a", PSObject.AsPSObject("b"), "" })));
    }

    [Fact]
    public void OtherObjectsGoAsTheirStrings() =>
        Assert.Equal("42\n1.5\n", Encoding.UTF8.GetString(RunningProcess.Encode(new List<object> { 42, 1.5 })));

    [Fact]
    public void NothingIsNothing() => Assert.Empty(RunningProcess.Encode(null));
}
