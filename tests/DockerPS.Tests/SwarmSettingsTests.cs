using System.Net;
using System.Net.Sockets;
using System.Security;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Set-DockerSwarm, Get-DockerSwarmUnlockKey and Unlock-DockerSwarm on a one-node swarm with autolock, on an engine of
/// the class's own (<see cref="DisposableEngine"/>): autolock, rotation and unlocking are never tried on the shared test
/// swarm, which other tests use. Results are checked with the docker CLI on that engine. Get-DockerInfo's swarm
/// properties are read (only) on the shared swarm, as `docker info` shows them. Main leg only.
/// </summary>
public sealed class SwarmSettingsTests : IClassFixture<SwarmSettingsFixture>
{
    private const string Commands = "DockerPS.Commands.";
    private readonly SwarmSettingsFixture fixture;

    /// <summary>Each case starts with the swarm unlocked, even after a case that failed while it was locked.</summary>
    public SwarmSettingsTests(SwarmSettingsFixture fixture)
    {
        this.fixture = fixture;
        fixture.Recover();
    }

    private DisposableEngine Engine => fixture.Engine!;

    private RunResult Run(string script) => fixture.Session.Run(script);

    private string Cli(params string[] args) => Engine.Cli(args).Trim();

    [SkippableFact]
    public void SettingsChangeAsTheCliShowsThemAndWhatIfChangesNothing()
    {
        fixture.SkipOffMain();
        var version = Cli("info", "--format", "{{.Swarm.Cluster.Version.Index}}");
        var whatIf = Run("Set-DockerSwarm -TaskHistoryLimit 3 -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Equal(version, Cli("info", "--format", "{{.Swarm.Cluster.Version.Index}}"));

        var result = Run("Set-DockerSwarm -TaskHistoryLimit 3 -CertExpiry 720h -DispatcherHeartbeat 7s -SnapshotInterval 5000 -MaxSnapshots 2 -Label @{ tier = 'test'; gone = 'x' } -PassThru");
        Assert.Empty(result.Errors);
        var swarm = Assert.Single(result.Output);
        Assert.Equal("DockerPS.Swarm", swarm.BaseObject.GetType().FullName);
        Assert.Equal("3 720h0m0s 7s 5000 2 true", Cli("info", "--format",
            "{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}} {{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}} "
            + "{{.Swarm.Cluster.Spec.Raft.SnapshotInterval}} {{.Swarm.Cluster.Spec.Raft.KeepOldSnapshots}} {{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}"));
        Assert.Equal(3L, swarm.Properties["TaskHistoryLimit"].Value);
        Assert.Equal(TimeSpan.FromHours(720), swarm.Properties["CertExpiry"].Value);
        Assert.Equal(TimeSpan.FromSeconds(7), swarm.Properties["DispatcherHeartbeat"].Value);
        Assert.Equal(5000UL, swarm.Properties["SnapshotInterval"].Value);
        Assert.Equal(2UL, swarm.Properties["MaxSnapshots"].Value);

        // What is not given stays: the labels change, the rest is as set above.
        var labels = Run("Set-DockerSwarm -RemoveLabel gone -Label @{ tier = 'prod' }");
        Assert.Empty(labels.Errors);
        Assert.Equal("""{"tier":"prod"}""", Cli("info", "--format", "{{json .Swarm.Cluster.Spec.Labels}}"));
        Assert.Equal("3 720h0m0s", Cli("info", "--format", "{{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}} {{.Swarm.Cluster.Spec.CAConfig.NodeCertExpiry}}"));
    }

    [SkippableFact]
    public void JoinTokensRotateOneAtATime()
    {
        fixture.SkipOffMain();
        var worker = Cli("swarm", "join-token", "-q", "worker");
        var manager = Cli("swarm", "join-token", "-q", "manager");

        var rotated = Run("Set-DockerSwarm -RotateWorkerToken -PassThru");
        Assert.Empty(rotated.Errors);
        var newWorker = Cli("swarm", "join-token", "-q", "worker");
        Assert.NotEqual(worker, newWorker);
        Assert.Equal(newWorker, Assert.Single(rotated.Output).Properties["WorkerJoinToken"].Value);
        Assert.Equal(manager, Cli("swarm", "join-token", "-q", "manager"));

        // Piped, the swarm brings its engine (no default -DockerHost in that scope).
        Assert.Empty(Run($"& {{ $PSDefaultParameterValues = @{{}}; Get-DockerSwarm -DockerHost '{Engine.Host}' | Set-DockerSwarm -RotateManagerToken }}").Errors);
        Assert.NotEqual(manager, Cli("swarm", "join-token", "-q", "manager"));
        Assert.Equal(newWorker, Cli("swarm", "join-token", "-q", "worker"));
    }

    [SkippableFact]
    public void ALockedManagerUnlocksWithItsKeyOnlyAndARotatedKeyReplacesTheOld()
    {
        fixture.SkipOffMain();
        var keys = Run("Get-DockerSwarmUnlockKey; Get-DockerSwarmUnlockKey -AsPlainText");
        Assert.Empty(keys.Errors);
        var key = Cli("swarm", "unlock-key", "-q");
        fixture.Keys.Add(key);
        Assert.Equal(key, new NetworkCredential(string.Empty, Assert.IsType<SecureString>(keys.Output[0].BaseObject)).Password);
        Assert.Equal(key, keys.Output[1].BaseObject);

        Engine.Restart();
        Assert.Equal("locked", Run("(Get-DockerInfo).SwarmState").Output.Single().BaseObject);

        // A key of the right shape but not the swarm's, and text that is no key: the key appears in no stream.
        var otherKey = key[..12] + (key[12] == 'A' ? 'B' : 'A') + key[13..];
        var wrong = Run($"Unlock-DockerSwarm '{otherKey}' -Verbose -Debug; Unlock-DockerSwarm -UnlockKey ([System.Net.NetworkCredential]::new('', 'no-key')).SecurePassword -Debug");
        Assert.Equal([$"InvalidUnlockKey,{Commands}UnlockDockerSwarmCommand", $"InvalidUnlockKey,{Commands}UnlockDockerSwarmCommand"], wrong.ErrorIds);
        Assert.Contains(wrong.Debug, d => d.Message.Contains("/swarm/unlock", StringComparison.Ordinal));
        var shown = string.Join('\n', wrong.Debug.Select(d => d.Message).Concat(wrong.Verbose.Select(v => v.Message)).Concat(RunResult.Described(wrong.Errors))
            .Concat(wrong.Errors.Select(e => e.TargetObject?.ToString())).Append(wrong.HostText));
        Assert.DoesNotContain(otherKey, shown);
        Assert.DoesNotContain(otherKey[9..], shown);
        Assert.DoesNotContain("no-key", shown);
        Assert.Equal("locked", Cli("info", "--format", "{{.Swarm.LocalNodeState}}"));

        // The SecureString Get-DockerSwarmUnlockKey wrote; once unlocked, the engine is not locked any more.
        var unlocked = fixture.Session.Run("Unlock-DockerSwarm $key; Unlock-DockerSwarm $key", new Dictionary<string, object> { ["key"] = keys.Output[0].BaseObject });
        Assert.Equal([$"SwarmNotLocked,{Commands}UnlockDockerSwarmCommand"], unlocked.ErrorIds);
        Assert.Equal("active", Cli("info", "--format", "{{.Swarm.LocalNodeState}}"));

        var rotated = Run("Set-DockerSwarm -RotateUnlockKey");
        Assert.Empty(rotated.Errors);
        Assert.Contains(rotated.Warnings, w => w.Message.Contains("Get-DockerSwarmUnlockKey", StringComparison.Ordinal));
        var newKey = Cli("swarm", "unlock-key", "-q");
        fixture.Keys.Add(newKey);
        Assert.NotEqual(key, newKey);
        Assert.DoesNotContain(rotated.Warnings, w => w.Message.Contains(newKey, StringComparison.Ordinal));

        Engine.Restart();
        var old = Run($"Unlock-DockerSwarm '{key}'");
        Assert.Equal([$"InvalidUnlockKey,{Commands}UnlockDockerSwarmCommand"], old.ErrorIds);

        // Left out, the key is asked for, as a SecureString (masked input).
        var asked = new List<System.Management.Automation.Host.FieldDescription>();
        fixture.Session.Fill = field =>
        {
            asked.Add(field);
            return new NetworkCredential(string.Empty, newKey).SecurePassword;
        };
        try
        {
            Assert.Empty(Run("Unlock-DockerSwarm").Errors);
        }
        finally
        {
            fixture.Session.Fill = null;
        }
        Assert.Equal(("UnlockKey", typeof(SecureString).FullName), (Assert.Single(asked).Name, asked[0].ParameterTypeFullName));
        Assert.Equal("active", Cli("info", "--format", "{{.Swarm.LocalNodeState}}"));
    }

    [SkippableFact]
    public void WithoutAutolockThereIsNoUnlockKey()
    {
        fixture.SkipOffMain();
        try
        {
            var off = Run("Set-DockerSwarm -Autolock $false -PassThru; Get-DockerSwarmUnlockKey");
            Assert.Equal([$"NoUnlockKey,{Commands}GetDockerSwarmUnlockKeyCommand"], off.ErrorIds);
            Assert.Equal(false, Assert.Single(off.Output).Properties["Autolock"].Value);
            Assert.Equal("false", Cli("info", "--format", "{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}"));
        }
        finally
        {
            var on = Run("Set-DockerSwarm -Autolock $true");
            Assert.Empty(on.Errors);
            Assert.Single(on.Warnings);
        }
        Assert.Equal("true", Cli("info", "--format", "{{.Swarm.Cluster.Spec.EncryptionConfig.AutoLockManagers}}"));
    }

    [SkippableFact]
    public void WrongInputAndEnginesThatAreNoManagerHaveTheirOwnErrors()
    {
        fixture.SkipOffMain();
        // The shared main engine is in no swarm; a worker of the shared swarm cannot answer for it. Nothing changes there.
        var worker = TestEnvironment.SwarmHosts[1];
        var main = TestEnvironment.DockerHost;
        var result = Run($"Set-DockerSwarm -TaskHistoryLimit 5 -DockerHost {main}; Get-DockerSwarmUnlockKey -DockerHost {main}; "
            + $"Unlock-DockerSwarm SWMKEY-1-x -DockerHost {main}; Set-DockerSwarm -TaskHistoryLimit 5 -DockerHost {worker}");
        Assert.Equal([$"NotSwarmManager,{Commands}SetDockerSwarmCommand", $"NotSwarmManager,{Commands}GetDockerSwarmUnlockKeyCommand",
            $"NotSwarmManager,{Commands}UnlockDockerSwarmCommand", $"NotSwarmManager,{Commands}SetDockerSwarmCommand"], result.ErrorIds);

        // Text that is no duration is refused before any call; a duration the engine refuses (under an hour), by the engine.
        var refused = Run("Set-DockerSwarm; Set-DockerSwarm -CertExpiry 90d; Set-DockerSwarm -DispatcherHeartbeat soon; Set-DockerSwarm -CertExpiry 30m");
        Assert.Equal([$"NothingToUpdate,{Commands}SetDockerSwarmCommand", $"InvalidCertExpiry,{Commands}SetDockerSwarmCommand",
            $"InvalidDispatcherHeartbeat,{Commands}SetDockerSwarmCommand", $"InvalidArgument,{Commands}SetDockerSwarmCommand"], refused.ErrorIds);
        Assert.Contains("1h0m0s", refused.Errors[^1].ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void InfoShowsTheSwarmAsDockerInfoDoes()
    {
        fixture.SkipOffMain();
        foreach (var host in TestEnvironment.SwarmHosts.Take(2).Append(TestEnvironment.DockerHost))
        {
            var info = Assert.Single(Run($"Get-DockerInfo -DockerHost {host}").Output);
            var shown = string.Join(' ', new[] { "SwarmState", "SwarmNodeId", "SwarmIsManager", "SwarmClusterId", "SwarmManagers", "SwarmNodes", "SwarmNodeAddress" }
                .Select(name => info.Properties[name].Value?.ToString()?.ToLowerInvariant() ?? "<nil>"));
            var cli = DockerCli.WithEnvironment(new Dictionary<string, string> { ["DOCKER_HOST"] = host }, "info", "--format",
                "{{.Swarm.LocalNodeState}} {{.Swarm.NodeID}} {{.Swarm.ControlAvailable}} {{if .Swarm.Cluster}}{{.Swarm.Cluster.ID}} {{.Swarm.Managers}} {{.Swarm.Nodes}}{{else}}<nil> <nil> <nil>{{end}} {{.Swarm.NodeAddr}}").Trim();
            Assert.Equal(cli, shown.TrimEnd());
        }
        // The view shows the swarm's lines as `docker info` does: for a node of a swarm, the swarm's own for a manager.
        var views = new[] { TestEnvironment.SwarmHosts[0], TestEnvironment.SwarmHosts[1], TestEnvironment.DockerHost }
            .Select(host => Run($"Get-DockerInfo -DockerHost {host} | Out-Default").HostText).ToArray();
        Assert.Equal([true, true, false], views.Select(v => v.Contains("SwarmNodeId", StringComparison.Ordinal)));
        Assert.Equal([true, false, false], views.Select(v => v.Contains("SwarmClusterId", StringComparison.Ordinal)));
    }
}

/// <summary>The class's own engine, in a one-node swarm with autolock on; a session whose cmdlets use it by default.</summary>
public sealed class SwarmSettingsFixture : IDisposable
{
    private static readonly bool OnMainLeg = TestEnvironment.Leg == "main";

    public SwarmSettingsFixture()
    {
        if (!OnMainLeg)
        {
            return;
        }
        Engine = new DisposableEngine();
        // On the host's network: ports of its own, so that it meets no other swarm of the suite.
        Engine.Cli("swarm", "init", "--autolock", "--advertise-addr", "127.0.0.1", "--listen-addr", $"127.0.0.1:{FreeTcpPort()}",
            "--data-path-port", FreeDataPathPort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Session = new PowerShellSession();
        Session.Run($"$PSDefaultParameterValues['*-Docker*:DockerHost'] = '{Engine.Host}'");
    }

    public DisposableEngine? Engine { get; }

    public PowerShellSession Session { get; } = null!;

    /// <summary>The unlock keys the swarm has had, which <see cref="Recover"/> tries.</summary>
    public List<string> Keys { get; } = [];

    /// <summary>Unlocks the swarm a failed case left locked.</summary>
    public void Recover()
    {
        foreach (var key in Keys.AsEnumerable().Reverse())
        {
            if (Engine is not null && Engine.Cli("info", "--format", "{{.Swarm.LocalNodeState}}").Trim() == "locked")
            {
                Session.Run($"Unlock-DockerSwarm '{key}'");
            }
        }
    }

    public void SkipOffMain() => Skip.IfNot(OnMainLeg, $"the swarm settings tests run on the main leg only (this is {TestEnvironment.Leg})");

    /// <summary>A TCP port no one listens on now, for the managers' port.</summary>
    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A UDP port no one uses now, for the overlay traffic, below 49152 as the engine wants it.</summary>
    private static int FreeDataPathPort()
    {
        while (true)
        {
            using var socket = new UdpClient(0);
            if (((IPEndPoint)socket.Client.LocalEndPoint!).Port is var port and <= 49151)
            {
                return port;
            }
        }
    }

    public void Dispose()
    {
        Session?.Dispose();
        Engine?.Dispose();
    }
}
