using DockerPS.Parsing;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class IpamPoolTests
{
    private static IReadOnlyList<IpamPool> Parse(string[] subnets, string[]? gateways = null, string[]? ranges = null) =>
        IpamPool.Parse(subnets, gateways ?? [], ranges ?? []);

    [Fact]
    public void GatewaysAndRangesGoToTheSubnetThatContainsThem()
    {
        var pools = Parse(["10.1.0.0/16", "fd00:1::/64"], ["fd00:1::1", "10.1.0.1"], ["10.1.128.0/17"]);

        Assert.Equal(new[] { new IpamPool("10.1.0.0/16", "10.1.0.1", "10.1.128.0/17"), new IpamPool("fd00:1::/64", "fd00:1::1", null) }, pools);
    }

    [Fact]
    public void NothingGivenIsNoPool() => Assert.Empty(Parse([]));

    [Theory]
    [InlineData("10.1/16")]
    [InlineData("10.1.0.0")]
    [InlineData("10.1.0.0/33")]
    [InlineData("10.1.0.0/x")]
    [InlineData("300.1.0.0/16")]
    [InlineData("subnet")]
    public void ASubnetMustBeCidr(string subnet)
    {
        var e = Assert.Throws<IpamFormatException>(() => Parse([subnet]));
        Assert.Equal(("Subnet", subnet), (e.Parameter, e.Value));
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("1")]
    [InlineData("10.2.0.1")]
    public void AGatewayMustBeAnAddressInASubnet(string gateway)
    {
        var e = Assert.Throws<IpamFormatException>(() => Parse(["10.1.0.0/16"], [gateway]));
        Assert.Equal(("Gateway", gateway), (e.Parameter, e.Value));
    }

    [Fact]
    public void ASubnetTakesOneGatewayAndOneRange()
    {
        Assert.Equal("Gateway", Assert.Throws<IpamFormatException>(() => Parse(["10.1.0.0/16"], ["10.1.0.1", "10.1.0.2"])).Parameter);
        Assert.Equal("IPRange", Assert.Throws<IpamFormatException>(() => Parse(["10.1.0.0/16"], null, ["10.1.1.0/24", "10.1.2.0/24"])).Parameter);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.2.0.0/24")]
    [InlineData("10.1.0.0")]
    public void ARangeMustBeCidrInsideASubnet(string range)
    {
        var e = Assert.Throws<IpamFormatException>(() => Parse(["10.1.0.0/16"], null, [range]));
        Assert.Equal(("IPRange", range), (e.Parameter, e.Value));
    }

    [Fact]
    public void WithoutASubnetAGatewayHasNowhereToGo() =>
        Assert.Contains("-Gateway needs a -Subnet", Assert.Throws<IpamFormatException>(() => Parse([], ["10.1.0.1"])).Message);

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("fd00::1", true)]
    [InlineData("10.1", false)]
    [InlineData("7", false)]
    [InlineData("host", false)]
    public void AddressesAreFullAddresses(string text, bool valid) => Assert.Equal(valid, IpamPool.ParseAddress(text) is not null);
}
