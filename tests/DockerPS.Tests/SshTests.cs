using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Runtime.Versioning;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// ssh:// endpoints against the test sshd (tests/env/sshd.sh), which reaches the test engine through
/// <c>docker system dial-stdio</c>: container scenarios checked on the engine, host key and login refusals, a restarted
/// server, concurrency on one SSH connection, and secrets kept out of every stream.
/// Connections are cached per endpoint and options for the life of the process, so each refusal test uses options
/// (a key file copied to a HOME of its own) that no other test connects with.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SshTests : IDisposable
{
    private const string ConnectCommand = "DockerPS.Commands.ConnectDockerHostCommand";

    /// <summary>sshd's default MaxSessions: channels one SSH connection may have open at once.</summary>
    private const int MaxSessions = 10;
    private static readonly string Host = $"ssh://{SshEnvironment.Alias}";

    private readonly EngineFixture _fixture;
    private readonly PowerShellSession _ps;
    private readonly string? _home = Environment.GetEnvironmentVariable("HOME");
    private readonly List<string> _temporary = [];

    public SshTests(EngineFixture fixture)
    {
        _fixture = fixture;
        _ps = fixture.Session;
        Environment.SetEnvironmentVariable("HOME", SshEnvironment.Home);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HOME", _home);
        TestEnvironment.ResetEnvironment();
        foreach (var dir in _temporary)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A HOME of its own with a copy of the ed25519 key and the given known_hosts text; returns the key's path.</summary>
    private string OwnHome(string knownHosts, out string home)
    {
        home = Directory.CreateTempSubdirectory("dockerps-ssh-home-").FullName;
        _temporary.Add(home);
        var ssh = Directory.CreateDirectory(Path.Combine(home, ".ssh")).FullName;
        File.WriteAllText(Path.Combine(ssh, "known_hosts"), knownHosts);
        var key = Path.Combine(home, "key");
        File.Copy(SshEnvironment.Ed25519Key, key);
        Environment.SetEnvironmentVariable("HOME", home);
        return key;
    }

    private static string HostName => $"[{SshEnvironment.Address}]:{SshEnvironment.Port}";
    private static string DirectHost => $"ssh://root@{SshEnvironment.Address}:{SshEnvironment.Port}";

    [Fact]
    public void ListsTheSameContainersAsTheEngineThroughAnAlias()
    {
        var result = _ps.Run($"Get-DockerContainer -DockerHost {Host} -Label dockerps.test={_fixture.RunId}");

        Assert.Empty(result.Errors);
        var expected = DockerCli.Lines("ps", "-aq", "--no-trunc", "--filter", $"label=dockerps.test={_fixture.RunId}").Order();
        Assert.Equal(expected, result.Property("Id").Cast<string>().Order());
        Assert.All(result.Output, c => Assert.Equal(Host, c.Properties["Engine"].Value!.ToString()));
    }

    [Fact]
    public void RunsAContainerWithItsOutput()
    {
        var name = $"dps-ssh-run-{_fixture.RunId}";
        var result = _ps.Run($"Invoke-DockerContainer {TestEnvironment.Image} -DockerHost {Host} -Name {name} -Label @{{ 'dockerps.test' = '{_fixture.RunId}' }} -Command sh, -c, 'echo over; echo ssh'");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "over", "ssh" }, result.Output.Select(o => o.BaseObject.ToString()));
        Assert.Equal("exited 0", DockerCli.Run("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", name).Trim());
    }

    [Fact]
    public void ExecTakesStdinUntilItEnds()
    {
        // wc only prints its count once stdin ends: the EOF must travel over the SSH channel.
        var result = _ps.Run($"'one', 'two', 'three' | Invoke-DockerExec {_fixture.RunningName} -DockerHost {Host} -- wc -l");

        Assert.Empty(result.Errors);
        Assert.Equal("3", result.Output.Single().BaseObject.ToString()!.Trim());
    }

    [Fact]
    public void FollowsLogsAndEventsAsTheyCome()
    {
        var name = _fixture.CliContainer(true, "sh", "-c", "echo first; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo second");
        var seen = new ConcurrentQueue<string>();

        var logs = _ps.Run($"Get-DockerContainerLog {name} -DockerHost {Host} -Follow | ForEach-Object {{ $seen.Enqueue($_.Text); $_ }}", new Hashtable { ["seen"] = seen }, _ =>
        {
            Assert.True(SpinWait.SpinUntil(() => seen.Contains("first"), TimeSpan.FromSeconds(30)), "no first line while following");
            DockerCli.Run("exec", name, "touch", "/tmp/go");
        });
        // The log ends when the container's output does, which can be before the engine has handled its exit (seen on
        // a loaded machine): the die event is there once a wait returns.
        DockerCli.Run("wait", name);
        var events = _ps.Run($"Get-DockerEvent -DockerHost {Host} -Since $since -Until ([datetime]::Now.AddSeconds(1)) -Filter @{{ container = '{name}' }}",
            new Hashtable { ["since"] = DateTime.Now.AddMinutes(-2) });

        Assert.Empty(logs.Errors);
        Assert.Equal(new[] { "first", "second" }, logs.Property("Text"));
        Assert.Empty(events.Errors);
        Assert.Equal(new[] { "create", "start", "die" }, events.Property("Action").Cast<string>().Where(a => a is "create" or "start" or "die"));
    }

    [Fact]
    public void ConnectOutputsTheEngineToPipe()
    {
        var result = _ps.Run($"$e = Connect-DockerHost -DockerHost {Host}; $e; Get-DockerContainer -Engine $e -Name {_fixture.RunningName}; Connect-DockerHost -DockerHost {Host} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Equal("DockerPS.DockerEngine", result.Output[0].BaseObject.GetType().FullName);
        Assert.Equal(TestEngine.ApiVersion.ToString(), result.Output[0].Properties["ApiVersion"].Value);
        Assert.Equal(_fixture.RunningName, result.Output[1].Properties["Name"].Value);
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void PipedEnginesAreConnectedEachAndAnUnreachableOneIsAnError()
    {
        var result = _ps.Run(
            $"$good = Connect-DockerHost -DockerHost {Host}; $bad = $good.GetType()::Resolve($null, 'ssh://root@{SshEnvironment.Address}:{SshEnvironment.UnusedPort}'); " +
            "$good, $bad, $good | Connect-DockerHost");

        Assert.Equal(new[] { Host, Host }, result.Property("Endpoint"));
        var error = Assert.Single(result.Errors);
        Assert.Equal($"EngineUnreachable,{ConnectCommand}", error.FullyQualifiedErrorId);
        Assert.Equal($"ssh://root@{SshEnvironment.Address}:{SshEnvironment.UnusedPort}", error.TargetObject.ToString());
    }

    [Fact]
    public void OptionsAreCheckedBeforeConnecting()
    {
        var result = _ps.Run(
            $"Connect-DockerHost -DockerHost {Host} -KeyFile /nonexistent/key; " +
            $"Connect-DockerHost -DockerHost {TestEnvironment.DockerHost} -AcceptNewHostKey; 'after'");

        Assert.Equal(new[] { $"KeyFileNotFound,{ConnectCommand}", $"SshOptionsWithoutSshHost,{ConnectCommand}" }, result.ErrorIds);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Equal("/nonexistent/key", result.Errors[0].TargetObject);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[1].CategoryInfo.Category);
        Assert.Equal("after", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void IdentityFilesOfTheAliasAreUsed()
    {
        var result = _ps.Run($"Get-DockerVersion -DockerHost ssh://{SshEnvironment.EcdsaAlias}");

        Assert.Empty(result.Errors);
        Assert.Equal(TestEngine.ApiVersion.ToString(), result.Output.Single().Properties["ApiVersion"].Value);
    }

    [Fact]
    public void AnUnknownHostKeyIsRefusedWithItsFingerprintUntilAccepted()
    {
        var key = OwnHome(string.Empty, out var home);
        var fingerprint = SshEnvironment.Fingerprint(SshEnvironment.HostPublicKey);

        var refused = _ps.Run($"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {key}");

        Assert.Equal($"SshHostKeyUnknown,{ConnectCommand}", Assert.Single(refused.ErrorIds));
        Assert.Equal(ErrorCategory.SecurityError, refused.Errors[0].CategoryInfo.Category);
        Assert.Equal(DirectHost, refused.Errors[0].TargetObject);
        Assert.Contains(fingerprint, refused.Errors[0].Exception.Message);
        Assert.Empty(File.ReadAllText(Path.Combine(home, ".ssh", "known_hosts")));

        var whatIf = _ps.Run($"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {key} -AcceptNewHostKey -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Empty(whatIf.Output);
        Assert.Empty(File.ReadAllText(Path.Combine(home, ".ssh", "known_hosts")));

        var accepted = _ps.Run($"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {key} -AcceptNewHostKey");

        Assert.Empty(accepted.Errors);
        Assert.Single(accepted.Output);
        Assert.Contains($"{HostName} {SshEnvironment.HostKey}", File.ReadAllText(Path.Combine(home, ".ssh", "known_hosts")));
    }

    [Fact]
    public void AChangedHostKeyIsRefusedEvenWithAcceptNewHostKey()
    {
        var other = Path.Combine(Directory.CreateTempSubdirectory("dockerps-other-key-").FullName, "key");
        _temporary.Add(Path.GetDirectoryName(other)!);
        SshEnvironment.Keygen(other);
        var key = OwnHome($"{HostName} {File.ReadAllText(other + ".pub").Trim()}\n", out _);

        var result = _ps.Run($"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {key} -AcceptNewHostKey");

        Assert.Equal($"SshHostKeyChanged,{ConnectCommand}", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains(SshEnvironment.Fingerprint(SshEnvironment.HostPublicKey), result.Errors[0].Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void ARevokedHostKeyIsRefused()
    {
        var key = OwnHome($"@revoked * {SshEnvironment.HostKey}\n{HostName} {SshEnvironment.HostKey}\n", out _);

        var result = _ps.Run($"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {key}");

        Assert.Equal($"SshHostKeyRevoked,{ConnectCommand}", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void AHostWithoutDockerOrWithoutSshdSaysSo()
    {
        var result = _ps.Run(
            $"Connect-DockerHost -DockerHost ssh://{SshEnvironment.NoDockerUser}@{SshEnvironment.Address}:{SshEnvironment.Port}; " +
            $"Get-DockerVersion -DockerHost ssh://root@{SshEnvironment.Address}:{SshEnvironment.UnusedPort}");

        Assert.Equal(new[] { $"SshRemoteDockerMissing,{ConnectCommand}", "EngineUnreachable,DockerPS.Commands.GetDockerVersionCommand" }, result.ErrorIds);
        Assert.Contains("docker: not found", result.Errors[0].Exception.Message);
        Assert.Equal(ErrorCategory.ConnectionError, result.Errors[1].CategoryInfo.Category);
        Assert.Contains($"{SshEnvironment.Address}:{SshEnvironment.UnusedPort}", result.Errors[1].Exception.Message);
    }

    [Fact]
    public void AWrongPassphraseOrPasswordFailsAuthenticationTheRightOnesLogInAndNoSecretIsShown()
    {
        var right = SshEnvironment.Passphrase;
        var password = SshEnvironment.Password;
        const string wrong = "not-the-passphrase-5b1f";
        OwnHome(File.ReadAllText(SshEnvironment.KnownHosts), out var home);
        File.Delete(Path.Combine(home, "key"));
        var variables = new Hashtable
        {
            ["wrong"] = Secure(wrong),
            ["right"] = Secure(right),
            ["badLogin"] = new PSCredential(SshEnvironment.PasswordUser, Secure(wrong)),
            ["goodLogin"] = new PSCredential(SshEnvironment.PasswordUser, Secure(password)),
        };
        var direct = $"ssh://{SshEnvironment.Address}:{SshEnvironment.Port}";

        var result = _ps.Run(
            $"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {SshEnvironment.RsaKeyWithPassphrase} -Passphrase $wrong -Verbose -Debug; " +
            $"Connect-DockerHost -DockerHost {direct} -Credential $badLogin -Verbose -Debug; " +
            $"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {SshEnvironment.RsaKeyWithPassphrase} -Passphrase $right -Verbose -Debug | Get-DockerVersion; " +
            $"Connect-DockerHost -DockerHost {DirectHost} -KeyFile {SshEnvironment.EncryptedPkcs8Key} -Passphrase $right | Get-DockerVersion; " +
            $"Connect-DockerHost -DockerHost {direct} -Credential $goodLogin -Verbose | Get-DockerInfo",
            variables);

        Assert.Equal(new[] { $"SshAuthenticationFailed,{ConnectCommand}", $"SshAuthenticationFailed,{ConnectCommand}" }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category));
        Assert.Contains("passphrase", result.Errors[0].Exception.Message);
        Assert.Equal(new[] { "DockerPS.EngineVersion", "DockerPS.EngineVersion", "DockerPS.EngineInfo" }, result.Output.Select(o => o.BaseObject.GetType().FullName));
        var everything = string.Join('\n', result.Output.Select(o => o.ToString())
            .Concat(result.Errors.SelectMany(e => new[] { e.ToString(), e.Exception.ToString(), e.ErrorDetails?.Message ?? "" }))
            .Concat(result.Verbose.Select(v => v.Message))
            .Concat(result.Debug.Select(d => d.Message))
            .Concat(result.Warnings.Select(w => w.Message))
            .Concat(result.Information.Select(i => i.MessageData?.ToString() ?? ""))
            .Append(result.HostText)
            .Append(_ps.Run("$Error | ForEach-Object { $_.ToString() }; $wrong; $badLogin").HostText));
        // -Debug showed the engine calls of the connection that logged in.
        Assert.Contains(result.Debug, d => d.Message.Contains(" GET /version -> 200 OK", StringComparison.Ordinal));
        foreach (var secret in new[] { wrong, right, password })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    [Fact]
    public void TheNextCallSucceedsAfterTheServerRestarted()
    {
        Assert.Empty(_ps.Run($"Get-DockerVersion -DockerHost {Host}").Errors);

        SshEnvironment.RestartServer();
        var result = _ps.Run($"Get-DockerVersion -DockerHost {Host}; Get-DockerContainer -DockerHost {Host} -Name {_fixture.RunningName}");

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors.Select(e => $"{e.FullyQualifiedErrorId}: {e.Exception}")));
        Assert.Equal(2, result.Output.Count);
    }

    [Fact]
    public void FiftyConcurrentRequestsShareOneConnectionBelowTheSessionLimit()
    {
        const int requests = 50;
        var limit = TimeSpan.FromMinutes(3);
        // Each request waits for a container that only exits when told to, so they are all in flight at once.
        var name = _fixture.CliContainer(true, "sh", "-c", "while [ ! -f /tmp/go ]; do sleep 0.1; done");
        // An endpoint no other test used: its channels are the growth over what the other tests' idle connections hold.
        var host = NewAlias(string.Empty, withKey: true);
        Assert.Empty(_ps.Run($"Get-DockerVersion -DockerHost {host}").Errors);
        var before = SshEnvironment.DialStdioProcesses();
        var mostChannels = 0;
        using var issued = new CountdownEvent(requests);

        var result = _ps.Run(
            $"1..{requests} | ForEach-Object -ThrottleLimit {requests} -Parallel {{ Import-Module $using:manifest; $null = ($using:issued).Signal(); Wait-DockerContainer {name} -DockerHost {host} }}",
            new Hashtable { ["manifest"] = TestEnvironment.ModuleManifest, ["issued"] = issued },
            ps =>
            {
                var watch = Stopwatch.StartNew();
                // Once every runspace is about to send its request, count the channels until their number has not grown
                // for 3 s (the pool is as full as it gets), then let the container exit: every request must complete.
                issued.Wait(limit);
                var grown = Stopwatch.StartNew();
                while (watch.Elapsed < limit && (mostChannels == 0 || grown.Elapsed < TimeSpan.FromSeconds(3)))
                {
                    var channels = SshEnvironment.DialStdioProcesses();
                    if (channels > mostChannels)
                    {
                        mostChannels = channels;
                        grown.Restart();
                    }
                    Thread.Sleep(50);
                }
                DockerCli.Run("exec", name, "touch", "/tmp/go");
                while (ps.InvocationStateInfo.State is PSInvocationState.Running or PSInvocationState.NotStarted && watch.Elapsed < limit)
                {
                    Thread.Sleep(100);
                }
                if (watch.Elapsed >= limit)
                {
                    ps.Stop();
                }
            });

        Assert.Empty(result.Errors);
        Assert.Equal(Enumerable.Repeat(0L, requests), result.Output.Select(o => (long)o.Properties["ExitCode"].Value));
        // The endpoint's one channel from before, and at most MaxSessions - 1 in all.
        Assert.InRange(mostChannels - before, 1, MaxSessions - 2);
    }

    [Fact]
    public void MoreStreamsThanOneConnectionCarriesFollowAtOnce()
    {
        // Twelve followed logs at once: more than one SSH connection's sessions, so some go over further connections.
        const int streams = 12;
        var limit = TimeSpan.FromMinutes(2);
        var name = _fixture.CliContainer(true, "sh", "-c", "echo first; while [ ! -f /tmp/go ]; do sleep 0.1; done; echo second");
        Assert.Empty(_ps.Run($"Get-DockerVersion -DockerHost {Host}").Errors);
        var connectionsBefore = SshEnvironment.Connections();
        var firsts = new CountdownEvent(streams);
        var (mostChannels, mostConnections) = (0, 0);

        var result = _ps.Run(
            $"1..{streams} | ForEach-Object -ThrottleLimit {streams} -Parallel {{ Import-Module $using:manifest; Get-DockerContainerLog {name} -DockerHost {Host} -Follow | ForEach-Object {{ if ($_.Text -eq 'first') {{ $null = ($using:firsts).Signal() }}; $_.Text }} }}",
            new Hashtable { ["manifest"] = TestEnvironment.ModuleManifest, ["firsts"] = firsts },
            ps =>
            {
                // Every stream has its first line while all of them are open; then the second line ends them.
                if (firsts.Wait(limit))
                {
                    (mostChannels, mostConnections) = (SshEnvironment.DialStdioProcesses(), SshEnvironment.Connections());
                }
                DockerCli.Run("exec", name, "touch", "/tmp/go");
                if (!SpinWait.SpinUntil(() => ps.InvocationStateInfo.State is not (PSInvocationState.Running or PSInvocationState.NotStarted), limit))
                {
                    ps.Stop();
                }
            });

        Assert.Empty(result.Errors);
        Assert.Equal(0, firsts.CurrentCount);
        Assert.InRange(mostChannels, streams, int.MaxValue);
        Assert.InRange(mostConnections, connectionsBefore + 1, int.MaxValue);
        Assert.Equal(Enumerable.Repeat("first", streams).Concat(Enumerable.Repeat("second", streams)), result.Output.Select(o => o.BaseObject.ToString()).Order(StringComparer.Ordinal));
        // The further connections closed with their streams; the main one still serves.
        Assert.True(SpinWait.SpinUntil(() => SshEnvironment.Connections() == connectionsBefore, TimeSpan.FromSeconds(10)), $"{SshEnvironment.Connections()} SSH connections, {connectionsBefore} before the streams");
        Assert.Empty(_ps.Run($"Get-DockerVersion -DockerHost {Host}").Errors);
    }

    /// <summary>
    /// A HOME whose ssh config has only a new alias for the test sshd (so no cached connection answers for it), with the
    /// given extra lines (and the ed25519 key as its IdentityFile when <paramref name="withKey"/>; else no key at all),
    /// and the server's key in known_hosts; returns the alias's endpoint.
    /// </summary>
    private string NewAlias(string configLines, bool withKey = false)
    {
        var key = OwnHome($"{HostName} {SshEnvironment.HostKey}\n", out var home);
        var alias = $"alias-{Guid.NewGuid():N}";
        File.WriteAllText(Path.Combine(home, ".ssh", "config"),
            $"Host {alias}\n  HostName {SshEnvironment.Address}\n  Port {SshEnvironment.Port}\n  User root\n{(withKey ? $"  IdentityFile {key}\n" : "")}{configLines}\n");
        return $"ssh://{alias}";
    }

    [Theory]
    [UnsupportedOSPlatform("windows")]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public void AnAgentsKeyLogsInWhenNoKeyFileDoes(string keyType)
    {
        using var agent = new SshAgentProcess();
        switch (keyType)
        {
            case "rsa":
                agent.Add(SshEnvironment.RsaKeyWithPassphrase, SshEnvironment.Passphrase);
                break;
            default:
                agent.Add(keyType == "ed25519" ? SshEnvironment.Ed25519Key : SshEnvironment.EcdsaKey);
                break;
        }
        var host = NewAlias(string.Empty);

        var without = _ps.Run($"Get-DockerVersion -DockerHost {host}");
        Environment.SetEnvironmentVariable("SSH_AUTH_SOCK", agent.Socket);
        var with = _ps.Run($"Get-DockerVersion -DockerHost {host}");

        Assert.Equal("SshAuthenticationFailed,DockerPS.Commands.GetDockerVersionCommand", Assert.Single(without.ErrorIds));
        Assert.Contains("no ssh-agent", without.Errors[0].Exception.Message);
        Assert.Empty(with.Errors);
        Assert.Equal(TestEngine.ApiVersion.ToString(), with.Output.Single().Properties["ApiVersion"].Value);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void AKeyTheAgentRefusesToSignWithIsAnAuthenticationFailureNamingIt()
    {
        using var agent = new SshAgentProcess();
        agent.Add(SshEnvironment.Ed25519Key, confirm: true);
        var host = NewAlias(string.Empty);
        Environment.SetEnvironmentVariable("SSH_AUTH_SOCK", agent.Socket);

        var result = _ps.Run($"Get-DockerVersion -DockerHost {host}");

        Assert.Equal("SshAuthenticationFailed,DockerPS.Commands.GetDockerVersionCommand", Assert.Single(result.ErrorIds));
        Assert.Contains("refused to sign with its key 'dockerps-client'", result.Errors[0].Exception.Message);
    }

    [Theory]
    [UnsupportedOSPlatform("windows")]
    [InlineData("IdentitiesOnly yes", true, false)]
    [InlineData("IdentityAgent none", true, false)]
    [InlineData("IdentityAgent {0}", false, true)]
    public void TheSshConfigDecidesWhetherTheAgentIsAsked(string line, bool variableSet, bool logsIn)
    {
        using var agent = new SshAgentProcess();
        agent.Add(SshEnvironment.Ed25519Key);
        var host = NewAlias(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, agent.Socket));
        Environment.SetEnvironmentVariable("SSH_AUTH_SOCK", variableSet ? agent.Socket : null);

        var result = _ps.Run($"Get-DockerVersion -DockerHost {host}");

        Assert.Equal(logsIn ? [] : ["SshAuthenticationFailed,DockerPS.Commands.GetDockerVersionCommand"], result.ErrorIds);
    }

    [Theory]
    [InlineData("root", true)]
    [InlineData(SshEnvironment.NoDockerUser, false)]
    public void AHostBehindAProxyJumpIsReachedThroughIt(string jumpUser, bool reached)
    {
        // The server lets the no-docker user forward nothing (PermitOpen none): through that jump the target is out of
        // reach, which a direct connection would not notice.
        var key = OwnHome($"{HostName} {SshEnvironment.HostKey}\n", out var home);
        var (jump, target) = ($"jump-{Guid.NewGuid():N}", $"behind-{Guid.NewGuid():N}");
        File.WriteAllText(Path.Combine(home, ".ssh", "config"), $"""
            Host {jump}
              HostName {SshEnvironment.Address}
              Port {SshEnvironment.Port}
              User {jumpUser}
            Host {target}
              HostName {SshEnvironment.Address}
              Port {SshEnvironment.Port}
              User root
              ProxyJump {jump}
            Host *
              IdentityFile {key}
            """);

        var result = _ps.Run($"Get-DockerContainer -DockerHost ssh://{target} -Name {_fixture.RunningName}");

        if (reached)
        {
            Assert.Empty(result.Errors);
            Assert.Equal(_fixture.RunningName, result.Output.Single().Properties["Name"].Value);
        }
        else
        {
            Assert.Equal("EngineUnreachable,DockerPS.Commands.GetDockerContainerCommand", Assert.Single(result.ErrorIds));
            Assert.Contains($"through the jump host {jump}", result.Errors[0].Exception.Message);
        }
    }

    private static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }
        secure.MakeReadOnly();
        return secure;
    }
}
