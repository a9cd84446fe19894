using DockerPS.Operations;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class NaturalOrderTests
{
    [Fact]
    public void NumbersCompareAsNumbersAsDockerVolumeLsOrdersThem()
    {
        // The order docker volume ls printed for these names on the test engine.
        string[] cli = ["1b63c9", "2c4e54", "03df4f", "30a8d2", "753be7", "3572ed", "a35f7f", "b63f99"];

        Assert.Equal(cli, cli.Reverse().Order(NaturalOrder.Instance));
        Assert.Equal(new[] { "v", "v2", "v02", "v10", "va" }, new[] { "va", "v10", "v02", "v", "v2" }.Order(NaturalOrder.Instance));
    }
}
