using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DockerPS.Tests.Harness;

/// <summary>
/// One imported module for the suite, plus containers and images the tests read, labelled so they are
/// found and removed again. Tests that change DOCKER_* variables restore them (the suite runs serially).
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public const string Label = "dockerps.test";

    public EngineFixture()
    {
        TestEnvironment.ResetEnvironment();
        Cleanup();
        Session = new PowerShellSession();
        RunId = Guid.NewGuid().ToString("N")[..8];
        ExitedName = $"dps-exited-{RunId}";
        RunningName = $"dps-running-{RunId}";
        CreatedName = $"dps-created-{RunId}";
        DockerCli.Run("create", "--name", ExitedName, "--label", $"{Label}=exited", "--label", "dockerps.role=worker", TestEnvironment.Image, "sh", "-c", "exit 3");
        DockerCli.Run("start", ExitedName);
        DockerCli.Run("wait", ExitedName);
        DockerCli.Run("run", "-d", "--name", RunningName, "--label", $"{Label}=running", TestEnvironment.Image, "sleep", "600");
        DockerCli.Run("create", "--name", CreatedName, "--label", $"{Label}=created", TestEnvironment.Image, "true");
        TagA = $"dps-test/alpha-{RunId}:one";
        TagB = $"dps-test/alpha-{RunId}:two";
        DockerCli.Run("tag", TestEnvironment.Image, TagA);
        DockerCli.Run("tag", TestEnvironment.Image, TagB);
    }

    public PowerShellSession Session { get; }

    public string RunId { get; }
    public string ExitedName { get; }
    public string RunningName { get; }
    public string CreatedName { get; }
    public string TagA { get; }
    public string TagB { get; }

    public void Dispose()
    {
        Session.Dispose();
        Cleanup();
    }

    private static void Cleanup()
    {
        var ids = DockerCli.Lines("ps", "-aq", "--filter", "label=" + Label);
        if (ids.Length > 0)
        {
            DockerCli.Run(["rm", "-f", .. ids]);
        }
        var tags = DockerCli.Lines("images", "--format", "{{.Repository}}:{{.Tag}}").Where(t => t.StartsWith("dps-test/", StringComparison.Ordinal)).ToArray();
        if (tags.Length > 0)
        {
            DockerCli.Run(["rmi", .. tags]);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "Engine";
}
