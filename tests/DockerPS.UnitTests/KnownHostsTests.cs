using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class KnownHostsTests
{
    private const string Ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIEYFIewujpbcbD029Uj9khEnzuwqPGUDkshfWILjF93T";
    private const string OtherEd25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIJ8Y5Xv0o7kq3c0gqk3h2B8b1JzWqJ0r0vY4m0mZk8Xb";
    private const string Ecdsa = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBMGLoJMGqIJxhvNyXOEOC2ZXHW6kUxFlfS6dwubnyXrL7hmjNGOv1426RiaMXwJF7GZtwGDSYNHChTA6FkBYJtI=";

    private static byte[] Key(string base64) => Convert.FromBase64String(base64);

    [Fact]
    public void MatchesPlainNamesAndPortsAsSshNamesThem()
    {
        var hosts = KnownHosts.Parse($"example.org,10.0.0.1 ssh-ed25519 {Ed25519}\n[example.org]:2222 ssh-ed25519 {OtherEd25519} comment\n");

        Assert.Equal("example.org", KnownHosts.HostName("example.org", 22));
        Assert.Equal("[example.org]:2222", KnownHosts.HostName("example.org", 2222));
        Assert.Equal(HostKeyVerdict.Known, hosts.Check("example.org", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Known, hosts.Check("10.0.0.1", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Known, hosts.Check("[example.org]:2222", "ssh-ed25519", Key(OtherEd25519)));
        Assert.Equal(HostKeyVerdict.Changed, hosts.Check("[example.org]:2222", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("[example.org]:2200", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("example.com", "ssh-ed25519", Key(Ed25519)));
    }

    [Fact]
    public void MatchesHashedNamesWrittenBySshKeygen()
    {
        // ssh-keygen -H of "example.org <key>" and "[example.org]:2222 <key>".
        var hosts = KnownHosts.Parse(
            $"|1|VqikMByhbUrtt/rJxviqACB8yZw=|jVgR4Xu0lOY/jpFIXrdkWqlfi7w= ssh-ed25519 {Ed25519}\n" +
            $"|1|Gu/pc6b/VvI47leuDqm/3bBrvV8=|lS7OqcalTtswa/AE1WzzM/4DN4k= ssh-ed25519 {Ed25519}\n");

        Assert.Equal(HostKeyVerdict.Known, hosts.Check("example.org", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Known, hosts.Check("[example.org]:2222", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Changed, hosts.Check("example.org", "ssh-ed25519", Key(OtherEd25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("example.net", "ssh-ed25519", Key(Ed25519)));
    }

    [Fact]
    public void KeepsSeveralKeysPerHostAndTellsTypesApart()
    {
        var hosts = KnownHosts.Parse($"example.org ssh-ed25519 {Ed25519}\nexample.org ecdsa-sha2-nistp256 {Ecdsa}\n# a comment\n\nexample.org ssh-ed25519 {OtherEd25519}\n");

        Assert.Equal(HostKeyVerdict.Known, hosts.Check("example.org", "ssh-ed25519", Key(OtherEd25519)));
        Assert.Equal(HostKeyVerdict.Known, hosts.Check("example.org", "ecdsa-sha2-nistp256", Key(Ecdsa)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("example.org", "ssh-rsa", Key(Ed25519)));
        Assert.Equal(new HashSet<string> { "ssh-ed25519", "ecdsa-sha2-nistp256" }, hosts.KeyTypesOf("example.org"));
    }

    [Fact]
    public void RefusesRevokedKeysAndSkipsCertificateAuthorities()
    {
        var hosts = KnownHosts.Parse($"@revoked * ssh-ed25519 {Ed25519}\nexample.org ssh-ed25519 {Ed25519}\n@cert-authority *.example.org ecdsa-sha2-nistp256 {Ecdsa}\n");

        Assert.Equal(HostKeyVerdict.Revoked, hosts.Check("example.org", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("a.example.org", "ecdsa-sha2-nistp256", Key(Ecdsa)));
        Assert.Empty(hosts.KeyTypesOf("a.example.org"));
    }

    [Fact]
    public void PatternsTakeWildcardsAndNegations()
    {
        var hosts = KnownHosts.Parse($"*.example.org,!bad.example.org,host?? ssh-ed25519 {Ed25519}\n");

        Assert.Equal(HostKeyVerdict.Known, hosts.Check("a.example.org", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Known, hosts.Check("HOST01", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("bad.example.org", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("host1", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Unknown, hosts.Check("example.org", "ssh-ed25519", Key(Ed25519)));
    }

    [Fact]
    public void SkipsLinesItCannotRead()
    {
        var hosts = KnownHosts.Parse($"example.org ssh-ed25519\nexample.org ssh-ed25519 not*base64\n|1|broken ssh-ed25519 {Ed25519}\nexample.org ssh-ed25519 {Ed25519}");

        Assert.Equal(HostKeyVerdict.Known, hosts.Check("example.org", "ssh-ed25519", Key(Ed25519)));
        Assert.Equal(HostKeyVerdict.Changed, hosts.Check("example.org", "ssh-ed25519", Key(OtherEd25519)));
    }

    [Fact]
    public void RecordedLinesAreReadBack()
    {
        var line = KnownHosts.Line("[127.0.0.1]:2222", "ecdsa-sha2-nistp256", Key(Ecdsa));

        Assert.Equal(HostKeyVerdict.Known, KnownHosts.Parse(line).Check("[127.0.0.1]:2222", "ecdsa-sha2-nistp256", Key(Ecdsa)));
    }
}
