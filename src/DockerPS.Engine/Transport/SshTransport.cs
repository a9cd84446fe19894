using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using DockerPS.Connection;
using DockerPS.Errors;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace DockerPS.Transport;

/// <summary>
/// One long-lived, authenticated SSH connection to an <c>ssh://</c> endpoint, and the engine connections over it: each
/// is an exec channel running <c>docker system dial-stdio</c> on the remote host, as the docker CLI does. Opened on first
/// use and again on the next use after it dropped. The server allows 10 sessions per connection by default
/// (MaxSessions), so a connection carries at most <see cref="ChannelsPerConnection"/> channels:
/// <see cref="PooledChannels"/> for the kept-alive pool (more requests queue in the pool) and the rest for streams that
/// own a connection (attach, exec, log streams). Streams beyond those open further SSH connections of up to
/// <see cref="ChannelsPerConnection"/> streams each, closed when their last stream ends, so any number of streams can
/// follow at once (the docker CLI, one ssh process per connection, has no limit either).
/// </summary>
internal sealed class SshTransport(Uri endpoint, SshSettings? settings)
{
    public const int ChannelsPerConnection = 9;
    public const int PooledChannels = 6;
    public const string DialCommand = "docker system dial-stdio";


    /// <summary>Connecting and authenticating; bounded so an address that swallows packets fails instead of hanging.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);
    private static readonly string[] DefaultIdentities = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>Logins happen one at a time: a burst of new connections stays below sshd's MaxStartups.</summary>
    private readonly SemaphoreSlim _connecting = new(1, 1);
    /// <summary>The main connection; its pooled channels count as taken, so it has the rest of its sessions for streams.</summary>
    private readonly Link _primary = new() { Streams = PooledChannels };
    /// <summary>The further connections for streams; the list is also the lock for every link's stream count.</summary>
    private readonly List<Link> _overflow = [];

    /// <summary>One SSH connection and the number of channels it may have taken (under the lock of <see cref="_overflow"/>).</summary>
    private sealed class Link
    {
        public SshClient? Client;
        public int Streams;
    }

    /// <summary>Opens an engine connection: a new dial-stdio channel, counted against its link's sessions when it will not return to the pool.</summary>
    public async ValueTask<Stream> OpenAsync(bool dedicated, CancellationToken cancellationToken)
    {
        var link = dedicated ? TakeStreamSlot() : _primary;
        try
        {
            var client = await ConnectedAsync(link, cancellationToken).ConfigureAwait(false);
            (SshCommand Command, Task Ended) command;
            try
            {
                command = Execute(client);
            }
            catch (Exception e) when (e is SshConnectionException or ObjectDisposedException)
            {
                // The connection dropped after it was last seen alive (sshd restarted), or another caller found that out
                // first and disposed it: once more on a new one.
                Drop(link, client);
                command = Execute(await ConnectedAsync(link, cancellationToken).ConfigureAwait(false));
            }
            try
            {
                return new SshChannelStream(command.Command, command.Ended, endpoint.IdnHost, dedicated ? () => ReleaseStreamSlot(link) : null);
            }
            catch
            {
                command.Command.Dispose();
                throw;
            }
        }
        catch
        {
            if (dedicated)
            {
                ReleaseStreamSlot(link);
            }
            throw;
        }
    }

    /// <summary>A stream slot on the main connection if it has one free, else on a further connection (a new one when all are full).</summary>
    private Link TakeStreamSlot()
    {
        lock (_overflow)
        {
            var link = _primary.Streams < ChannelsPerConnection ? _primary : _overflow.Find(l => l.Streams < ChannelsPerConnection);
            if (link is null)
            {
                link = new Link();
                _overflow.Add(link);
            }
            link.Streams++;
            return link;
        }
    }

    /// <summary>Gives a stream's slot back; a further connection whose last stream ended is closed.</summary>
    private void ReleaseStreamSlot(Link link)
    {
        SshClient? idle = null;
        lock (_overflow)
        {
            if (--link.Streams == 0 && _overflow.Remove(link))
            {
                idle = link.Client;
                link.Client = null;
            }
        }
        idle?.Dispose();
    }

    /// <summary>Starts the dial command; its task completes when the channel closes, after the exit status has come.</summary>
    private static (SshCommand Command, Task Ended) Execute(SshClient client)
    {
        var command = client.CreateCommand(DialCommand);
        try
        {
            var ended = command.ExecuteAsync();
            _ = ended.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return (command, ended);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    private static void Drop(Link link, SshClient client)
    {
        if (Interlocked.CompareExchange(ref link.Client, null, client) == client)
        {
            client.Dispose();
        }
    }

    private async Task<SshClient> ConnectedAsync(Link link, CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (link.Client is { IsConnected: true } connected)
            {
                return connected;
            }
            // Channels of a dropped connection are dead already; disposing it sends nothing on them.
            link.Client?.Dispose();
            link.Client = null;
            var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            link.Client = client;
            return client;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private Task<SshClient> ConnectAsync(CancellationToken cancellationToken) =>
        ConnectAsync(endpoint.IdnHost, endpoint.Port > 0 ? endpoint.Port : null,
            endpoint.UserInfo.Length > 0 ? Uri.UnescapeDataString(endpoint.UserInfo) : settings?.User, settings, jumps: 0, cancellationToken);

    /// <summary>
    /// Logs in to a host (an alias of ~/.ssh/config or a name), through its ProxyJump host if it has one: the jump host,
    /// logged in to the same way with the config's keys and the agent (not the options given for the endpoint), forwards
    /// a port on 127.0.0.1 to it, as <c>ssh -L</c> would (SSH.NET cannot run SSH over a channel).
    /// </summary>
    private async Task<SshClient> ConnectAsync(string alias, int? givenPort, string? givenUser, SshSettings? options, int jumps, CancellationToken cancellationToken)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var sshDirectory = Path.Combine(home, ".ssh");
        var configFile = Path.Combine(sshDirectory, "config");
        var config = SshConfig.Resolve(File.Exists(configFile) ? await File.ReadAllTextAsync(configFile, cancellationToken).ConfigureAwait(false) : string.Empty, alias, home);
        if (config.Unsupported is { } unsupported)
        {
            throw new DockerEngineException(ErrorCatalog.EndpointNotSupported,
                $"{configFile} sets {unsupported} for '{alias}'; DockerPS does not support {unsupported} yet. Connect to a host it can reach directly.");
        }
        var host = config.HostName ?? alias;
        var port = givenPort ?? config.Port ?? 22;
        var user = givenUser ?? config.User ?? Environment.UserName;
        var where = $"{user}@{host}:{port}";

        var (methods, skipped) = AuthenticationMethods(user, config, sshDirectory, options);
        if (methods.Count == 0)
        {
            throw new DockerEngineException(ErrorCatalog.SshAuthenticationFailed,
                $"No way to log in to {where}: {(skipped.Count > 0 ? string.Join("; ", skipped) : "no key file, no default identity in " + sshDirectory + ", no ssh-agent (SSH_AUTH_SOCK), no credential")}.");
        }

        var knownHostsFile = Path.Combine(sshDirectory, "known_hosts");
        var knownHosts = KnownHosts.Parse(ReadIfExists(knownHostsFile) + "\n" + ReadIfExists("/etc/ssh/ssh_known_hosts"));
        var hostName = KnownHosts.HostName(host, port);
        (SshClient Client, int Port)? jump = config.ProxyJump is { } proxy ? await JumpAsync(alias, proxy, host, port, jumps, cancellationToken).ConfigureAwait(false) : null;
        var info = new ConnectionInfo(jump is null ? host : JumpedClient.Address, jump?.Port ?? port, user, methods.ToArray()) { Timeout = ConnectTimeout };
        PreferKnownKeyTypes(info, knownHosts.KeyTypesOf(hostName));

        DockerEngineException? refused = null;
        var client = jump is null ? new SshClient(info) : new JumpedClient(info, jump.Value.Client);
        client.KeepAliveInterval = KeepAliveInterval;
        client.HostKeyReceived += (_, e) =>
        {
            var keyType = KeyTypeOf(e.HostKey);
            var fingerprint = $"{keyType} SHA256:{e.FingerPrintSHA256}";
            var verdict = knownHosts.Check(hostName, keyType, e.HostKey);
            if (verdict == HostKeyVerdict.Unknown && options?.AcceptNewHostKey == true)
            {
                Directory.CreateDirectory(sshDirectory);
                File.AppendAllText(knownHostsFile, KnownHosts.Line(hostName, keyType, e.HostKey) + "\n");
                verdict = HostKeyVerdict.Known;
            }
            refused = verdict switch
            {
                HostKeyVerdict.Known => null,
                HostKeyVerdict.Unknown => Untrusted(ErrorCatalog.SshHostKeyUnknown,
                    $"The host key of {hostName} is not in {knownHostsFile}: it presented {fingerprint}. Check that fingerprint with the host's owner, then connect once with Connect-DockerHost -AcceptNewHostKey to record it."),
                HostKeyVerdict.Changed => Untrusted(ErrorCatalog.SshHostKeyChanged,
                    $"The host key of {hostName} has CHANGED: it presented {fingerprint}, which is not the key on record in {knownHostsFile}. Someone could be intercepting the connection, or the host was reinstalled; once you know which, remove the old line from known_hosts."),
                _ => Untrusted(ErrorCatalog.SshHostKeyRevoked, $"The host key of {hostName} ({fingerprint}) is marked @revoked in known_hosts."),
            };
            e.CanTrust = refused is null;
        };
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw refused ?? e switch
            {
                SshAgentRefusedException => new DockerEngineException(ErrorCatalog.SshAuthenticationFailed, $"{where}: {e.Message}", e),
                SshAuthenticationException => new DockerEngineException(ErrorCatalog.SshAuthenticationFailed,
                    $"{where} refused every way DockerPS tried to log in ({string.Join(", ", methods.Select(m => m.Name).Distinct())}{(skipped.Count > 0 ? "; " + string.Join("; ", skipped) : "")}): {e.Message}",
                    e),
                SocketException or SshException or IOException or OperationCanceledException or TimeoutException => new DockerEngineException(ErrorCatalog.EngineUnreachable,
                    $"Cannot connect over SSH to {host}:{port}{(jump is null ? "" : $" through the jump host {config.ProxyJump}")}: {e.Message}", e),
                _ => e,
            };
        }
    }

    /// <summary>How many jump hosts a connection may go through (a ProxyJump loop in the config ends here).</summary>
    private const int MostJumps = 4;

    /// <summary>Logs in to the ProxyJump host and forwards a local port to the target through it.</summary>
    private async Task<(SshClient Client, int Port)> JumpAsync(string alias, string proxy, string host, int port, int jumps, CancellationToken cancellationToken)
    {
        if (SshConfig.ParseJump(proxy) is not var (jumpUser, jumpHost, jumpPort) || jumps >= MostJumps)
        {
            throw new DockerEngineException(ErrorCatalog.EndpointNotSupported, jumps >= MostJumps
                ? $"The ProxyJump hosts for '{alias}' go on for more than {MostJumps} hops (a loop in ~/.ssh/config?)."
                : $"ProxyJump for '{alias}' lists several hosts ({proxy}); DockerPS goes through one (which may have a ProxyJump of its own).");
        }
        var jump = await ConnectAsync(jumpHost, jumpPort, jumpUser, options: null, jumps + 1, cancellationToken).ConfigureAwait(false);
        try
        {
            var forward = new ForwardedPortLocal(JumpedClient.Address, 0, host, (uint)port);
            jump.AddForwardedPort(forward);
            forward.Start();
            return (jump, (int)forward.BoundPort);
        }
        catch
        {
            jump.Dispose();
            throw;
        }
    }

    /// <summary>A connection through a jump host's forwarded port; closing it closes the jump connection too.</summary>
    private sealed class JumpedClient(ConnectionInfo info, SshClient jump) : SshClient(info)
    {
        public const string Address = "127.0.0.1";

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                jump.Dispose();
            }
        }
    }

    private static DockerEngineException Untrusted(ErrorCode code, string message) => new(code, message);

    /// <summary>
    /// Keys (the given key file, else IdentityFile lines, else the default identities that exist), then a password.
    /// A default identity that cannot be used (encrypted without a passphrase) is skipped, as ssh skips it without a prompt.
    /// </summary>
    private static (List<AuthenticationMethod> Methods, List<string> Skipped) AuthenticationMethods(string user, SshHostConfig config, string sshDirectory, SshSettings? options)
    {
        var methods = new List<AuthenticationMethod>();
        var skipped = new List<string>();
        var explicitFiles = options?.KeyFile is { } keyFile ? [keyFile] : config.IdentityFiles;
        var files = explicitFiles.Count > 0 ? explicitFiles : DefaultIdentities.Select(name => Path.Combine(sshDirectory, name)).Where(File.Exists).ToList();
        var keys = new List<IPrivateKeySource>();
        foreach (var file in files)
        {
            try
            {
                keys.Add(new PrivateKeyFile(file, Plain(options?.Passphrase)));
            }
            catch (SshPassPhraseNullOrEmptyException)
            {
                skipped.Add($"{file} is encrypted and no -Passphrase was given");
            }
            catch (Exception e) when (e is SshException or CryptographicException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                skipped.Add(options?.Passphrase is null ? $"{file} is not a private key DockerPS can read" : $"{file} cannot be read with the passphrase given (wrong passphrase?)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add($"{file} cannot be read: {e.Message}");
            }
        }
        // The agent's keys come after the key files (ssh offers them first), so that a key named for this host is not
        // crowded out by the server's MaxAuthTries.
        if (!config.IdentitiesOnly && AgentSocket(config.IdentityAgent) is { } agent)
        {
            try
            {
                keys.AddRange(SshAgent.Keys(agent));
            }
            catch (Exception e) when (e is SocketException or IOException or SshException)
            {
                skipped.Add($"the ssh-agent at {agent} did not answer ({e.Message})");
            }
        }
        if (keys.Count > 0)
        {
            methods.Add(new PrivateKeyAuthenticationMethod(user, keys.ToArray()));
        }
        if (options?.Password is { } password)
        {
            methods.Add(new PasswordAuthenticationMethod(user, Plain(password)));
        }
        return (methods, skipped);
    }

    /// <summary>The ssh-agent's socket as ssh finds it: IdentityAgent (<c>none</c>: no agent), else SSH_AUTH_SOCK.</summary>
    private static string? AgentSocket(string? identityAgent) => identityAgent switch
    {
        null or SshAgent.SocketVariable => Environment.GetEnvironmentVariable(SshAgent.SocketVariable) is { Length: > 0 } path ? path : null,
        var none when none.Equals("none", StringComparison.OrdinalIgnoreCase) => null,
        var path => path,
    };

    /// <summary>Like ssh, ask the server for a key type known_hosts has for it, so a host with several keys is not taken for changed.</summary>
    private static void PreferKnownKeyTypes(ConnectionInfo info, IReadOnlySet<string> knownTypes)
    {
        if (knownTypes.Count == 0)
        {
            return;
        }
        foreach (var algorithm in info.HostKeyAlgorithms.Keys.ToList())
        {
            var keyType = algorithm.StartsWith("rsa-sha2-", StringComparison.Ordinal) ? "ssh-rsa" : algorithm;
            if (!knownTypes.Contains(keyType))
            {
                info.HostKeyAlgorithms.Remove(algorithm);
            }
        }
    }

    /// <summary>The key type named at the start of an SSH public key blob (a length-prefixed string).</summary>
    private static string KeyTypeOf(byte[] blob)
    {
        var length = blob.Length >= 4 ? (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob) : -1;
        return length > 0 && length <= blob.Length - 4 ? System.Text.Encoding.ASCII.GetString(blob, 4, length) : "unknown";
    }

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

    /// <summary>SSH.NET takes passphrases and passwords as strings only: the plain text is made at the last moment, never stored by us.</summary>
    private static string? Plain(SecureString? secret)
    {
        if (secret is null)
        {
            return null;
        }
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
        try
        {
            return Marshal.PtrToStringUni(pointer);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(pointer);
        }
    }
}
