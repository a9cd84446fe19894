using Xunit;

namespace DockerPS.Tests.Harness;

/// <summary>
/// What the engine under test is (asked once with the docker CLI), for the tests of what one kind of engine does not
/// do: such a test is a [SkippableFact] and says why it is skipped there, so the results name every gap.
/// </summary>
public static class TestEngine
{
    private static readonly string[] Server = DockerCli.Run("version", "--format", "{{.Server.APIVersion}};{{range .Server.Components}}{{.Name}},{{end}}").Trim().Split(';');

    /// <summary>The engine's API version (Podman answers with the Docker API version it emulates).</summary>
    public static readonly Version ApiVersion = Version.Parse(Server[0]);

    public static readonly bool IsPodman = Server[1].Contains("Podman", StringComparison.Ordinal);

    /// <summary>The engine's data root (dockerd's --data-root), where it keeps its state.</summary>
    public static string DataRoot => DockerCli.Run("info", "--format", "{{.DockerRootDir}}").Trim();

    /// <summary>Skips the running test on Podman, whose Docker-compatible API lacks what <paramref name="reason"/> says.</summary>
    public static void SkipOnPodman(string reason) => Skip.If(IsPodman, "Podman: " + reason);
}
