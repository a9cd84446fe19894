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
        Session = new PowerShellSession();
        RunId = Guid.NewGuid().ToString("N")[..8];
        ExitedName = $"dps-fx-exited-{RunId}";
        RunningName = $"dps-fx-running-{RunId}";
        CreatedName = $"dps-fx-created-{RunId}";
        DockerCli.Run("create", "--name", ExitedName, "--label", $"{Label}={RunId}", "--label", "dockerps.state=exited", "--label", "dockerps.role=worker", TestEnvironment.Image, "sh", "-c", "exit 3");
        DockerCli.Run("start", ExitedName);
        DockerCli.Run("wait", ExitedName);
        DockerCli.Run("run", "-d", "--name", RunningName, "--label", $"{Label}={RunId}", "--label", "dockerps.state=running", TestEnvironment.Image, "sleep", "86400");
        DockerCli.Run("create", "--name", CreatedName, "--label", $"{Label}={RunId}", "--label", "dockerps.state=created", TestEnvironment.Image, "true");
        TagA = $"dps-test/alpha-{RunId}:one";
        TagB = $"dps-test/alpha-{RunId}:two";
        DockerCli.Run("tag", TestEnvironment.Image, TagA);
        DockerCli.Run("tag", TestEnvironment.Image, TagB);
    }

    public PowerShellSession Session { get; }

    public string RunId { get; }

    private int _cliContainers;

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

    /// <summary>
    /// A new container of this run, made with the docker CLI (<c>docker run -d</c> when <paramref name="start"/>,
    /// else <c>docker create</c>) from the test image and the given command; returns its name (not dps-*, the
    /// fixture's own names, which tests match with wildcards).
    /// </summary>
    public string CliContainer(bool start, params string[] command)
    {
        // Numbered, not random: six random hex digits once gave two containers of one run the same name.
        var name = $"cli-{Interlocked.Increment(ref _cliContainers)}-{RunId}";
        DockerCli.Run([.. start ? new[] { "run", "-d" } : ["create"], "--name", name, .. LabelArgs, TestEnvironment.Image, .. command]);
        return name;
    }

    /// <summary>Labels that mark a container as this run's, so tests in other checkouts sharing the engine are left alone.</summary>
    public string[] LabelArgs => ["--label", $"{Label}={RunId}"];

    /// <summary>Removes this run's containers, networks, volumes, labelled images and tags, on any registry (other runs may share the engine).</summary>
    private void Cleanup()
    {
        var ids = DockerCli.Lines("ps", "-aq", "--filter", $"label={Label}={RunId}");
        if (ids.Length > 0)
        {
            DockerCli.Run(["rm", "-f", .. ids]);
        }
        // Networks, volumes and untagged images the tests made carry the run's label too.
        var networks = DockerCli.Lines("network", "ls", "-q", "--filter", $"label={Label}={RunId}");
        if (networks.Length > 0)
        {
            DockerCli.Run(["network", "rm", .. networks]);
        }
        var volumes = DockerCli.Lines("volume", "ls", "-q", "--filter", $"label={Label}={RunId}");
        if (volumes.Length > 0)
        {
            DockerCli.Run(["volume", "rm", "-f", .. volumes]);
        }
        var images = DockerCli.Lines("images", "-q", "--filter", $"label={Label}={RunId}");
        if (images.Length > 0)
        {
            DockerCli.Run(["rmi", "-f", .. images.Distinct()]);
        }
        var tags = DockerCli.Lines("images", "--format", "{{.Repository}}:{{.Tag}}").Where(t => t.Contains("dps-test/", StringComparison.Ordinal) && t.Contains(RunId, StringComparison.Ordinal)).ToArray();
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
