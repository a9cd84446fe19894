namespace DockerPS.Tests.Harness;

/// <summary>
/// Images one test makes, each with an id of its own (<c>docker commit</c> of a new container), labelled as the
/// run's, and removed with their containers as soon as the test ends: other tests count the run's labelled images.
/// </summary>
public sealed class TestImages(EngineFixture fixture) : IDisposable
{
    private readonly List<string> _containers = [];
    private readonly List<string> _ids = [];

    /// <summary>A name of this run for an image, <c>dps-test/&lt;what&gt;-&lt;RunId&gt;:v1</c> (the fixture removes such tags too).</summary>
    public string Reference(string what) => $"dps-test/{what}-{fixture.RunId}:v1";

    /// <summary>A new image named <paramref name="reference"/> (untagged when null), with Dockerfile <paramref name="changes"/>; returns its id.</summary>
    public string Commit(string? reference, params string[] changes)
    {
        var container = Container(TestEnvironment.Image);
        var id = DockerCli.Commit(container, reference, [$"LABEL {EngineFixture.Label}={fixture.RunId}", .. changes]);
        Track(id);
        return id;
    }

    /// <summary>A created (never started) container of this run from <paramref name="image"/>, removed before the images.</summary>
    public string Container(string image)
    {
        var name = $"img-{Guid.NewGuid().ToString("N")[..6]}-{fixture.RunId}";
        DockerCli.Run([.. new[] { "create", "--name", name }, .. fixture.LabelArgs, image, "true"]);
        _containers.Add(name);
        return name;
    }

    /// <summary>An image the test made some other way, to remove at the end.</summary>
    public void Track(string id) => _ids.Add(id);

    public void Dispose()
    {
        if (_containers.Count > 0)
        {
            DockerCli.Run(["rm", "-f", .. _containers]);
        }
        var present = DockerCli.Lines("images", "-aq", "--no-trunc").ToHashSet();
        var left = _ids.Where(present.Contains).Distinct().ToArray();
        if (left.Length > 0)
        {
            DockerCli.Run(["rmi", "-f", .. left]);
        }
    }
}
