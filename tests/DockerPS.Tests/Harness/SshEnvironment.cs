namespace DockerPS.Tests.Harness;

/// <summary>
/// The sshd that tests/env/sshd.sh runs on 127.0.0.1 (port 2222 unless moved) and its client side: a HOME with keys, known_hosts and the
/// ssh config alias <c>dockerps-ssh</c>, the password of the <c>dockerps</c> user and the rsa key's passphrase.
/// </summary>
public static class SshEnvironment
{
    public const string Alias = "dockerps-ssh";
    public const string EcdsaAlias = "dockerps-ssh-ecdsa";
    public const string Address = "127.0.0.1";
    public static readonly int Port = int.Parse(TestEnvironment.SettingOrNull("DOCKERPS_TEST_SSH_PORT") ?? "2222");
    public const string PasswordUser = "dockerps";

    /// <summary>A user whose sessions have no docker command on PATH.</summary>
    public const string NoDockerUser = "dockerps-nodocker";

    /// <summary>A loopback port nothing listens on.</summary>
    public const int UnusedPort = 1;

    public static readonly string Directory = Path.Combine(TestEnvironment.EnvDirectory, "ssh");
    public static readonly string Home = Path.Combine(Directory, "home");
    public static readonly string KnownHosts = Path.Combine(Home, ".ssh", "known_hosts");
    public static readonly string Ed25519Key = Path.Combine(Home, ".ssh", "id_ed25519");
    public static readonly string RsaKeyWithPassphrase = Path.Combine(Home, ".ssh", "id_rsa_pass");
    public static readonly string EcdsaKey = Path.Combine(Home, ".ssh", "id_ecdsa_key");
    public static readonly string EncryptedPkcs8Key = Path.Combine(Home, ".ssh", "id_ecdsa_pkcs8");
    public static readonly string HostPublicKey = Path.Combine(Directory, "ssh_host_ed25519_key.pub");

    public static string Password => File.ReadAllText(Path.Combine(Directory, "password")).Trim();
    public static string Passphrase => File.ReadAllText(Path.Combine(Directory, "passphrase")).Trim();

    /// <summary>The server's host key as known_hosts holds it: type and base64.</summary>
    public static string HostKey => string.Join(' ', File.ReadAllText(HostPublicKey).Split(' ')[..2]);

    /// <summary>Stops and starts the sshd again, its open connections cut (stop.sh and start.sh that sshd.sh wrote).</summary>
    public static void RestartServer()
    {
        Script("stop.sh");
        Script("start.sh");
    }

    /// <summary>
    /// How many TCP connections to the test sshd are established on this machine: the client ends in /proc/net/tcp and
    /// tcp6 (.NET's dual-mode sockets show 127.0.0.1 as ::ffff:127.0.0.1).
    /// </summary>
    public static int Connections()
    {
        var port = $"0100007F:{Port:X4}";
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields[2].EndsWith(port, StringComparison.Ordinal) && fields[3] == "01");
    }

    /// <summary>How many <c>docker system dial-stdio</c> processes run on this machine (the remote ends of engine connections).</summary>
    public static int DialStdioProcesses() =>
        System.IO.Directory.GetDirectories("/proc").Count(dir => int.TryParse(Path.GetFileName(dir), out _) && CommandLine(dir) == "docker\0system\0dial-stdio\0");

    private static string CommandLine(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended meanwhile.
            return string.Empty;
        }
    }

    /// <summary>A public key's SHA256 fingerprint as ssh-keygen -l prints it (<c>SHA256:...</c>).</summary>
    public static string Fingerprint(string publicKeyFile) => Run("ssh-keygen", "-l", "-f", publicKeyFile).Split(' ')[1];

    /// <summary>A new ed25519 key pair without passphrase.</summary>
    public static void Keygen(string path) => Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", path);

    private static void Script(string name) => Run(Path.Combine(Directory, name));

    private static string Run(string program, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, args) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed");
        }
        return output;
    }
}
