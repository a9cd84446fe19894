using DockerPS.Transport;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class SshConfigTests
{
    private const string Home = "/home/me";

    [Fact]
    public void FirstValueObtainedWinsAcrossMatchingSections()
    {
        const string config = """
            # global defaults
            User everyone

            Host prod prod-*
              HostName %h.example.org
              Port 2200
              IdentityFile ~/.ssh/prod_key

            Host *
              User nobody
              Port 22
              IdentityFile "/keys/any key"
            """;

        var prod = SshConfig.Resolve(config, "prod-db", Home);

        Assert.Equal("prod-db.example.org", prod.HostName);
        Assert.Equal(2200, prod.Port);
        Assert.Equal("everyone", prod.User);
        Assert.Equal(["/home/me/.ssh/prod_key", "/keys/any key"], prod.IdentityFiles);
        Assert.Null(prod.Unsupported);

        var other = SshConfig.Resolve(config, "other", Home);
        Assert.Null(other.HostName);
        Assert.Equal(22, other.Port);
        Assert.Equal(["/keys/any key"], other.IdentityFiles);
    }

    [Fact]
    public void HostPatternsTakeWildcardsAndNegations()
    {
        const string config = """
            Host *.lab !gateway.lab
            User lab
            Host web?
            User web
            """;

        Assert.Equal("lab", SshConfig.Resolve(config, "box.lab", Home).User);
        Assert.Null(SshConfig.Resolve(config, "gateway.lab", Home).User);
        Assert.Equal("web", SshConfig.Resolve(config, "web1", Home).User);
        Assert.Null(SshConfig.Resolve(config, "web12", Home).User);
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveAndTakeEqualsSigns()
    {
        var resolved = SshConfig.Resolve("HOST=alias\n\tHOSTNAME=10.1.2.3\n  port = 2022\nuser\troot\n", "alias", Home);

        Assert.Equal("10.1.2.3", resolved.HostName);
        Assert.Equal(2022, resolved.Port);
        Assert.Equal("root", resolved.User);
    }

    [Fact]
    public void MatchSectionsAreSkippedAndProxiesReported()
    {
        const string config = """
            Match user root
              Port 1
            Host jumped
              ProxyJump bastion
            Host piped
              ProxyCommand nc %h %p
            Host direct
              ProxyCommand none
              ProxyJump none
            Host *
              ProxyJump late
            """;

        Assert.Null(SshConfig.Resolve(config, "anything", Home).Port);
        Assert.Equal("bastion", SshConfig.Resolve(config, "jumped", Home).ProxyJump);
        Assert.Null(SshConfig.Resolve(config, "jumped", Home).Unsupported);
        Assert.Equal("ProxyCommand", SshConfig.Resolve(config, "piped", Home).Unsupported);
        Assert.Null(SshConfig.Resolve(config, "direct", Home).Unsupported);
        // "none" is the first value obtained, so the later Host * does not apply.
        Assert.Null(SshConfig.Resolve(config, "direct", Home).ProxyJump);
    }

    [Theory]
    [InlineData("bastion", null, "bastion", null)]
    [InlineData("me@bastion:2200", "me", "bastion", 2200)]
    [InlineData("ssh://me@bastion:2200/", "me", "bastion", 2200)]
    [InlineData("[::1]:2200", null, "::1", 2200)]
    [InlineData("::1", null, "::1", null)]
    [InlineData("a@b@bastion", "a@b", "bastion", null)]
    public void JumpDestinationsParseAsSshTakesThem(string jump, string? user, string host, int? port)
    {
        Assert.Equal((user, host, port), SshConfig.ParseJump(jump));
    }

    [Fact]
    public void AListOfJumpHostsIsNotTaken()
    {
        Assert.Null(SshConfig.ParseJump("one,two"));
    }

    [Fact]
    public void IgnoresPortsThatAreNotPorts()
    {
        Assert.Null(SshConfig.Resolve("Host a\nPort 70000\n", "a", Home).Port);
        Assert.Equal(23, SshConfig.Resolve("Host a\nPort x\nPort 23\n", "a", Home).Port);
    }

    [Fact]
    public void IdentitiesOnlyAndIdentityAgentFirstValueWins()
    {
        const string text = "Host web\n  IdentitiesOnly yes\n  IdentityAgent ~/agent.sock\nHost *\n  IdentitiesOnly no\n  IdentityAgent none\n";

        var web = SshConfig.Resolve(text, "web", "/home/me");
        var other = SshConfig.Resolve(text, "other", "/home/me");
        var none = SshConfig.Resolve(string.Empty, "web", "/home/me");

        Assert.True(web.IdentitiesOnly);
        Assert.Equal("/home/me/agent.sock", web.IdentityAgent);
        Assert.False(other.IdentitiesOnly);
        Assert.Equal("none", other.IdentityAgent);
        Assert.False(none.IdentitiesOnly);
        Assert.Null(none.IdentityAgent);
    }
}
