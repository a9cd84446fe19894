using System.Management.Automation;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// The network cmdlets, checked on the engine with the docker CLI. Networks made here carry this run's label, so
/// the fixture removes what a failed test leaves; subnets are random, as other runs share the engine.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class NetworkTests(EngineFixture fixture)
{
    private const string Commands = "DockerPS.Commands.";
    private readonly PowerShellSession _ps = fixture.Session;
    private string? _home;

    private string RunLabel => $"{EngineFixture.Label}={fixture.RunId}";

    private string NewName() => $"dps-net-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";

    /// <summary>A network of this run made with the docker CLI.</summary>
    private string CliNetwork(params string[] args)
    {
        var name = NewName();
        DockerCli.Run([.. new[] { "network", "create", "--label", RunLabel }, .. args, name]);
        return name;
    }

    /// <summary>
    /// A running container of this run. It starts on a network of its own: the test engine has no default bridge
    /// network, and removing a container created for it leaves stale endpoints on the networks it joined.
    /// </summary>
    private string RunningContainer()
    {
        _home ??= CliNetwork();
        var name = $"dps-netc-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "run", "-d", "--name", name, "--network", _home }, .. fixture.LabelArgs, TestEnvironment.Image, "sleep", "600"]);
        return name;
    }

    private static string RandomSubnet() => $"10.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(0, 255)}.0/24";

    private static bool Exists(string network) => DockerCli.Lines("network", "ls", "-q", "--filter", $"name=^{network}$").Length > 0;

    /// <summary>The attached containers as <c>docker network inspect</c> shows them: id, name, IPv4, MAC.</summary>
    private static string[] Attached(string network) =>
        DockerCli.Lines("network", "inspect", network, "--format",
            "{{range $id, $c := .Containers}}{{$id}} {{$c.Name}} {{$c.IPv4Address}} {{$c.MacAddress}}\n{{end}}").Order().ToArray();

    [Fact]
    public void RoundTripCreatesConnectsShowsDisconnectsAndRemoves()
    {
        var name = NewName();
        var subnet = RandomSubnet();
        var prefix = subnet[..subnet.LastIndexOf('.')];
        var (a, b) = (RunningContainer(), RunningContainer());

        var created = _ps.Run($"New-DockerNetwork {name} -Subnet {subnet} -Gateway {prefix}.1 -Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}' }}");
        Assert.Empty(created.Errors);
        var network = Assert.Single(created.Output);
        Assert.Equal("DockerPS.Network", network.BaseObject.GetType().FullName);
        Assert.Equal(new[] { subnet }, network.Properties["Subnets"].Value);
        Assert.Equal(new[] { $"{prefix}.1" }, network.Properties["Gateways"].Value);
        Assert.Equal($"{subnet} {prefix}.1", DockerCli.Run("network", "inspect", name, "--format", "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}").Trim());

        var connected = _ps.Run($"Connect-DockerNetwork {name} {a} -Alias web -IPAddress {prefix}.50; Get-DockerContainer {b} | Connect-DockerNetwork -Network {name} -PassThru");
        Assert.Empty(connected.Errors);
        Assert.Equal(new[] { b }, connected.Property("Name"));
        Assert.Contains("web", DockerCli.Run("inspect", a, "--format", $"{{{{json (index .NetworkSettings.Networks \"{name}\").Aliases}}}}"));

        var shown = _ps.Run($"Get-DockerNetwork {name} -Detail");
        Assert.Empty(shown.Errors);
        var containers = ((System.Collections.IEnumerable)Assert.Single(shown.Output).Properties["Containers"].Value!).Cast<object>().Select(PSObject.AsPSObject)
            .Select(c => $"{c.Properties["Id"].Value} {c.Properties["Name"].Value} {c.Properties["IPv4Address"].Value} {c.Properties["MacAddress"].Value}");
        var expected = Attached(name);
        Assert.Equal(2, expected.Length);
        Assert.Equal(expected, containers.Order().ToArray());
        Assert.Contains(expected, line => line.Contains($" {a} {prefix}.50/24 ", StringComparison.Ordinal));

        var disconnected = _ps.Run($"'{a}', '{b}' | Disconnect-DockerNetwork {name}");
        Assert.Empty(disconnected.Errors);
        Assert.Empty(Attached(name));

        Assert.Empty(_ps.Run($"Remove-DockerNetwork {name}").Errors);
        Assert.False(Exists(name));
    }

    [Fact]
    public void WhatIfChangesNothingAsTheEnginesEventsShow()
    {
        var (used, unused, control) = (CliNetwork(), CliNetwork("--label", "dps.batch=" + fixture.RunId), CliNetwork());
        var (attached, loose) = (RunningContainer(), RunningContainer());
        DockerCli.Run("network", "connect", used, attached);
        var neverMade = NewName();
        var since = EngineTime(DateTimeOffset.UtcNow);

        var result = _ps.Run(string.Join("; ",
            $"New-DockerNetwork {neverMade} -WhatIf",
            $"Connect-DockerNetwork {used} {loose} -WhatIf",
            $"Disconnect-DockerNetwork {used} {attached} -WhatIf",
            $"Remove-DockerNetwork {unused} -WhatIf",
            $"Clear-DockerNetwork -Filter @{{ label = 'dps.batch={fixture.RunId}' }} -WhatIf",
            // Done for real, so the event query below is shown to see what the cmdlets do.
            $"Remove-DockerNetwork {control}"));
        // The engine may log an event a moment after its call returned; only these networks' events are looked at, and
        // nothing else touches them before the query, so a later end loses nothing.
        var until = EngineTime(DateTimeOffset.UtcNow.AddSeconds(2));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        var ours = new[] { used, unused, control, neverMade };
        var events = DockerCli.Lines("events", "--since", since, "--until", until, "--filter", "type=network", "--format", "{{.Action}} {{.Actor.Attributes.name}}")
            .Where(e => ours.Contains(e.Split(' ')[1]));
        Assert.Equal(new[] { $"destroy {control}" }, events);
        Assert.Equal(new[] { attached }, Attached(used).Select(line => line.Split(' ')[1]));
        Assert.True(Exists(unused));
    }

    /// <summary>A time as <c>docker events</c> takes it: Unix seconds with a fraction.</summary>
    private static string EngineTime(DateTimeOffset time) => $"{time.ToUnixTimeMilliseconds() / 1000}.{time.ToUnixTimeMilliseconds() % 1000:D3}";

    [Fact]
    public void ListsWhatDockerNetworkLsLists()
    {
        var ours = new[] { CliNetwork(), CliNetwork("--internal") };
        var mine = (string line) => line.Split(' ') is [_, var name, ..] && (name is "host" or "none" || ours.Contains(name));

        var result = _ps.Run("Get-DockerNetwork");

        Assert.Empty(result.Errors);
        var listed = result.Output.Select(n => $"{n.Properties["Id"].Value} {n.Properties["Name"].Value} {n.Properties["Driver"].Value} {n.Properties["Scope"].Value}");
        var expected = DockerCli.Lines("network", "ls", "--no-trunc", "--format", "{{.ID}} {{.Name}} {{.Driver}} {{.Scope}}").Where(mine).Order().ToArray();
        Assert.Equal(4, expected.Length);
        Assert.Equal(expected, listed.Where(mine).Order().ToArray());
        Assert.All(result.Output, n => Assert.Null(n.Properties["Containers"].Value));
    }

    [Fact]
    public void FiltersByDriverLabelIdAndWildcard()
    {
        var (plain, labelled) = (CliNetwork(), CliNetwork("--label", "tier=db"));
        var id = DockerCli.Run("network", "inspect", labelled, "--format", "{{.Id}}").Trim();

        Assert.Equal(new[] { "none" }, _ps.Run("Get-DockerNetwork -Driver null").Property("Name"));
        Assert.Equal(new[] { labelled }, _ps.Run($"Get-DockerNetwork -Label {RunLabel}, tier=db").Property("Name"));
        Assert.Equal(new[] { labelled }, _ps.Run($"Get-DockerNetwork -Id {id[..12]}").Property("Name"));
        Assert.Equal(new[] { labelled }, _ps.Run($"Get-DockerNetwork -Filter @{{ label = '{RunLabel}'; id = '{id}' }}").Property("Name"));
        Assert.Equal(new[] { labelled, plain }, _ps.Run($"Get-DockerNetwork '{labelled[..14]}*', '{plain[..14].ToUpperInvariant()}*'").Property("Name"));
    }

    [Fact]
    public void ThreePipedNamesWithTheMiddleOneUnknownGiveTwoNetworksAndOneError()
    {
        var (a, b) = (CliNetwork(), CliNetwork());
        var unknown = $"nosuch-{fixture.RunId}";

        var got = _ps.Run($"'{a}', '{unknown}', '{b}' | Get-DockerNetwork");
        Assert.Equal(new[] { a, b }, got.Property("Name"));
        var error = Assert.Single(got.Errors);
        Assert.Equal($"NetworkNotFound,{Commands}GetDockerNetworkCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(unknown, error.TargetObject);

        var removed = _ps.Run($"'{a}', '{unknown}', '{b}' | Remove-DockerNetwork");
        Assert.Equal(new[] { $"NetworkNotFound,{Commands}RemoveDockerNetworkCommand" }, removed.ErrorIds);
        Assert.Equal(unknown, removed.Errors[0].TargetObject);
        Assert.False(Exists(a));
        Assert.False(Exists(b));
    }

    [Fact]
    public void PipedNetworksAreRemovedAndOneInUseIsNetworkInUse()
    {
        var (inUse, free) = (CliNetwork(), CliNetwork());
        DockerCli.Run("network", "connect", inUse, RunningContainer());

        var result = _ps.Run($"Get-DockerNetwork {inUse}, {free} | Remove-DockerNetwork");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"NetworkInUse,{Commands}RemoveDockerNetworkCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, error.CategoryInfo.Category);
        Assert.Equal(inUse, error.TargetObject);
        Assert.True(Exists(inUse));
        Assert.False(Exists(free));
        // A built-in network is refused too, but it is not in use: the engine's own reason, not NetworkInUse.
        Assert.Equal(new[] { $"Forbidden,{Commands}RemoveDockerNetworkCommand" }, _ps.Run("Remove-DockerNetwork none").ErrorIds);
    }

    [Fact]
    public void RemoveExpandsWildcardsAndTakesIdPrefixes()
    {
        var (a, b) = (CliNetwork(), CliNetwork());
        var id = DockerCli.Run("network", "inspect", b, "--format", "{{.Id}}").Trim();

        Assert.Empty(_ps.Run($"Remove-DockerNetwork '{a[..14]}*'; Remove-DockerNetwork -Id {id[..12]}").Errors);

        Assert.False(Exists(a));
        Assert.False(Exists(b));
    }

    [Theory]
    [InlineData("-Subnet 10.1/16", "InvalidSubnet")]
    [InlineData("-Subnet 10.20.0.0/33", "InvalidSubnet")]
    [InlineData("-Subnet 10.20.0.0/16 -Gateway 10.21.0.1", "InvalidGateway")]
    [InlineData("-Gateway 10.20.0.1", "InvalidGateway")]
    [InlineData("-Subnet 10.20.0.0/16 -IPRange 10.20.0.0/8", "InvalidIPRange")]
    public void AddressesThatDoNotParseOrFitAreRefusedBeforeAnyEngineCall(string arguments, string errorId)
    {
        var name = NewName();

        var result = _ps.Run($"New-DockerNetwork {name} {arguments} -DockerHost tcp://127.0.0.1:1");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},{Commands}NewDockerNetworkCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.False(Exists(name));
    }

    [Fact]
    public void ANameInUseIsNetworkExistsAndMakesNoSecondNetwork()
    {
        var name = CliNetwork();

        var result = _ps.Run($"New-DockerNetwork {name}");

        Assert.Equal(new[] { $"NetworkExists,{Commands}NewDockerNetworkCommand" }, result.ErrorIds);
        Assert.Single(DockerCli.Lines("network", "ls", "-q", "--filter", $"name=^{name}$"));
    }

    [Fact]
    public void CreatesWithDriverOptionsAndFlags()
    {
        var name = NewName();

        var result = _ps.Run($"New-DockerNetwork {name} -Internal -Attachable -Label @{{ '{EngineFixture.Label}' = '{fixture.RunId}'; tier = 'db' }} -Option @{{ 'com.docker.network.driver.mtu' = '1400' }}");

        Assert.Empty(result.Errors);
        Assert.Equal(new object[] { true }, result.Property("Internal"));
        Assert.Equal("true true db 1400", DockerCli.Run("network", "inspect", name, "--format",
            "{{.Internal}} {{.Attachable}} {{index .Labels \"tier\"}} {{index .Options \"com.docker.network.driver.mtu\"}}").Trim());
    }

    [Fact]
    public void ConnectingToAnUnknownNetworkIsNetworkNotFoundAndAnUnknownContainerContainerNotFound()
    {
        var network = CliNetwork();
        var stopped = fixture.CliContainer(false, "true");
        var unknown = $"nosuch-{fixture.RunId}";

        var result = _ps.Run($"Connect-DockerNetwork {unknown} {stopped}; Connect-DockerNetwork {network} {unknown}; Connect-DockerNetwork {network} {stopped} -IPAddress 10.1");

        Assert.Equal(new[]
        {
            $"NetworkNotFound,{Commands}ConnectDockerNetworkCommand",
            $"ContainerNotFound,{Commands}ConnectDockerNetworkCommand",
            $"InvalidIPAddress,{Commands}ConnectDockerNetworkCommand",
        }, result.ErrorIds);
        Assert.Equal(new object[] { unknown, unknown, "10.1" }, result.Errors.Select(e => e.TargetObject));
        // The engine would have recorded the stopped container's connection to the unknown network.
        Assert.DoesNotContain(unknown, DockerCli.Run("inspect", stopped, "--format", "{{json .NetworkSettings.Networks}}"));
    }

    [Fact]
    public void ClearRemovesUnusedNetworksOfTheFilterOnly()
    {
        var batch = $"dps.batch={Guid.NewGuid():N}";
        var (unused, used, other) = (CliNetwork("--label", batch), CliNetwork("--label", batch), CliNetwork());
        DockerCli.Run("network", "connect", used, RunningContainer());
        var unusedId = DockerCli.Run("network", "inspect", unused, "--format", "{{.Id}}").Trim();

        var kept = _ps.Run($"Clear-DockerNetwork -Filter @{{ label = '{RunLabel}', '{batch}'; until = '1h' }} -Force");
        Assert.Empty((IEnumerable<string>)Assert.Single(kept.Output).Properties["Removed"].Value!);
        Assert.True(Exists(unused));

        var result = _ps.Run($"Clear-DockerNetwork -Filter @{{ label = '{RunLabel}', '{batch}' }} -Force");

        Assert.Empty(result.Errors);
        var pruned = Assert.Single(result.Output);
        Assert.Equal("DockerPS.PruneResult", pruned.BaseObject.GetType().FullName);
        Assert.Equal(new[] { unusedId }, pruned.Properties["Removed"].Value);
        Assert.False(Exists(unused));
        Assert.True(Exists(used));
        Assert.True(Exists(other));
        Assert.Equal(new[] { $"InvalidFilter,{Commands}ClearDockerNetworkCommand" }, _ps.Run("Clear-DockerNetwork -Filter @{ dangling = 'true' } -Force").ErrorIds);
    }

    [Fact]
    public void NetworkNamesCompleteWhereNetworksAreNamed()
    {
        var network = CliNetwork();

        Assert.Equal(new[] { network }, Completion.Complete(_ps, $"Get-DockerNetwork {network[..^3]}"));
        Assert.Equal(new[] { network }, Completion.Complete(_ps, $"Connect-DockerNetwork {network[..^3]}"));
        Assert.Equal(new[] { network }, Completion.Complete(_ps, $"New-DockerContainer {TestEnvironment.Image} -Network {network[..^3]}"));
    }
}
