internal static class B2RemoteListing
{
    /// <summary>
    /// B2: B1's listing over ssh:// to the test sshd (tests/env/up.sh), with its client HOME (~/.ssh/config alias, key,
    /// known_hosts). The docker CLI's ssh gets the same files through a wrapper, since ssh reads ~ from the passwd entry.
    /// The third contender is local DockerPS (the target's comparator), in the raw column.
    /// </summary>
    public static Row Run(BenchContext b, string label)
    {
        const string scenario = "the same over ssh:// to the loopback sshd (raw column: local DockerPS)";
        const string target = "≤ 3× local DockerPS; ≥ 100× faster than docker -H ssh://… ps -a";
        var legFile = Path.Combine(Environment.GetEnvironmentVariable("DOCKERPS_ENV") ?? "/tmp/dockerps-env", "legs", "ssh.env");
        if (!File.Exists(legFile))
        {
            return Row.Pending("B2", scenario, $"pending: {legFile} missing (run tests/env/up.sh)", target);
        }
        var leg = File.ReadAllLines(legFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var sshHost = leg["DOCKER_HOST"];
        var dotSsh = Path.Combine(leg["HOME"], ".ssh");
        var wrapper = Directory.CreateTempSubdirectory("dockerps-bench-ssh-").FullName;
        File.WriteAllText(Path.Combine(wrapper, "ssh"),
            $"#!/bin/sh\nexec /usr/bin/ssh -F {dotSsh}/config -i {dotSsh}/id_ed25519 -o UserKnownHostsFile={dotSsh}/known_hosts \"$@\"\n");
        Bench.Run("/bin/chmod", $"+x {wrapper}/ssh");
        var cliPath = $"{wrapper}:{Environment.GetEnvironmentVariable("PATH")}";
        var home = Environment.GetEnvironmentVariable("HOME");
        Environment.SetEnvironmentVariable("HOME", leg["HOME"]);
        try
        {
            var b2 = Bench.Interleave(b.Smoke ? 1 : 5, b.Smoke ? 3 : 50, TimeSpan.FromSeconds(b.Smoke ? 20 : 90),
                () => Bench.Expect(50, Bench.Invoke(b.Runspace, $"Get-DockerContainer -DockerHost {sshHost} -Label {label}").Count),
                () => Bench.Expect(51, Bench.Run(b.Cli, $"-H {sshHost} ps -a --filter label={label}", ("PATH", cliPath)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length),
                () => Bench.Expect(50, Bench.Invoke(b.Runspace, $"Get-DockerContainer -Label {label}").Count));
            return new Row("B2", scenario, b2, target, b2.Ours.Median <= 3 * b2.Raw!.Median && b2.Cli!.Median >= 100 * b2.Ours.Median);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOME", home);
            Directory.Delete(wrapper, recursive: true);
        }
    }
}
