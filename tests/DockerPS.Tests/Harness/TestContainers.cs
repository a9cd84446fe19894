namespace DockerPS.Tests.Harness;

/// <summary>
/// Containers one test makes (labelled as the run's, via <see cref="EngineFixture.CliContainer"/>) and removes as
/// soon as it ends: other tests count the run's labelled containers.
/// </summary>
public sealed class TestContainers(EngineFixture fixture) : IDisposable
{
    private readonly List<string> _names = [];

    public string Create(bool start, params string[] command)
    {
        var name = fixture.CliContainer(start, command);
        _names.Add(name);
        return name;
    }

    public void Dispose()
    {
        if (_names.Count > 0)
        {
            DockerCli.Run(["rm", "-f", .. _names]);
        }
    }
}
