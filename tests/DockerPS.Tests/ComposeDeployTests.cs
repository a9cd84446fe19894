using System.Text.Json;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Deploy-DockerCompose, Get-DockerCompose and Remove-DockerCompose against the real engine, each checked against the
/// real compose CLI: what DockerPS deploys, `docker compose ps` lists and `docker compose down` removes, and what
/// `docker compose up` deploys, DockerPS lists and takes down.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ComposeDeployTests : IDisposable
{
    private readonly PowerShellSession _ps;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dps-compose-");
    private readonly string _project = "dpstest" + Guid.NewGuid().ToString("N")[..8];

    public ComposeDeployTests(EngineFixture fixture) => _ps = fixture.Session;

    public void Dispose()
    {
        ComposeCli.Run(_folder.FullName, new Dictionary<string, string>(), ["-p", _project, "down", "--volumes", "--timeout", "0"]);
        _folder.Delete(recursive: true);
    }

    /// <summary>A database with a health check, a web service of two replicas that waits for it on two networks, and a volume.</summary>
    private string App(string level = "info", int replicas = 2) => $$"""
        name: {{_project}}
        services:
          db:
            image: {{TestEnvironment.Image}}
            command: ["sh", "-c", "touch /ready; sleep 3600"]
            healthcheck: {test: ["CMD", "test", "-f", "/ready"], interval: 1s, retries: 10}
            volumes: [data:/data]
            stop_grace_period: 1s
          web:
            image: {{TestEnvironment.Image}}
            command: ["sleep", "3600"]
            environment: {LEVEL: {{level}}}
            depends_on:
              db: {condition: service_healthy}
            deploy: {replicas: {{replicas}}}
            networks: [front, default]
            stop_grace_period: 1s
        networks:
          front:
        volumes:
          data:
        """;

    private RunResult Run(string script) => _ps.Run($"$here = $PWD.Path; $null = $ExecutionContext.SessionState.Path.SetLocation('{_folder.FullName}'); try {{ {script} }} finally {{ $null = $ExecutionContext.SessionState.Path.SetLocation($here) }}");

    private void Write(string yaml) => File.WriteAllText(Path.Combine(_folder.FullName, "compose.yaml"), yaml);

    private static string[] Changes(RunResult result) =>
        [.. result.Output.Select(o => $"{o.Properties["Action"].Value} {o.Properties["Name"].Value}")];

    /// <summary>The project's containers as `docker compose ps -a` lists them: name, service and state.</summary>
    private string[] CliPs() =>
        [.. ComposeCli.Check(_folder.FullName, "-p", _project, "ps", "-a", "--format", "json").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement).Select(c => $"{c.GetProperty("Name").GetString()} {c.GetProperty("Service").GetString()} {c.GetProperty("State").GetString()}").Order()];

    [Fact]
    public void DeploysInDependencyOrderAndTheComposeCliManagesIt()
    {
        Write(App());

        var result = Run("Deploy-DockerCompose");

        Assert.Empty(result.Errors);
        Assert.Equal([$"Create {_project}_default", $"Create {_project}_front", $"Create {_project}_data", $"Create {_project}-db-1",
            $"Create {_project}-web-1", $"Create {_project}-web-2"], Changes(result));
        Assert.Equal([$"{_project}-db-1 db running", $"{_project}-web-1 web running", $"{_project}-web-2 web running"], CliPs());
        var web = JsonDocument.Parse(DockerCli.Run("inspect", $"{_project}-web-1")).RootElement[0];
        var networks = web.GetProperty("NetworkSettings").GetProperty("Networks");
        Assert.Contains("web", networks.GetProperty($"{_project}_front").GetProperty("Aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.True(networks.TryGetProperty($"{_project}_default", out _));
        Assert.Contains("LEVEL=info", web.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        // web waited for db's health check: it started after db was healthy.
        var db = JsonDocument.Parse(DockerCli.Run("inspect", $"{_project}-db-1")).RootElement[0];
        var healthy = db.GetProperty("State").GetProperty("Health").GetProperty("Log").EnumerateArray().First(l => l.GetProperty("ExitCode").GetInt32() == 0).GetProperty("End").GetDateTimeOffset();
        Assert.True(web.GetProperty("State").GetProperty("StartedAt").GetDateTimeOffset() >= healthy, "web started before db was healthy");

        ComposeCli.Check(_folder.FullName, "-p", _project, "down", "--volumes", "--timeout", "0");

        Assert.Empty(Run($"Get-DockerCompose -ProjectName {_project}").Output);
        Assert.Empty(Run($"Get-DockerVolume -Name {_project}_data -ErrorAction SilentlyContinue").Output);
    }

    [Fact]
    public void RedeployingLeavesWhatMatchesAndChangesOnlyWhatChanged()
    {
        Write(App());
        Assert.Empty(Run("Deploy-DockerCompose").Errors);
        var ids = Run($"Get-DockerCompose | ForEach-Object Id").Output.Select(o => o.BaseObject.ToString()).ToArray();

        var again = Run("Deploy-DockerCompose");
        Write(App(level: "debug", replicas: 1));
        var plan = Run("Deploy-DockerCompose -WhatIf");
        var changed = Run("Deploy-DockerCompose");

        Assert.Equal([$"UpToDate {_project}-db-1", $"UpToDate {_project}-web-1", $"UpToDate {_project}-web-2"], Changes(again));
        Assert.Equal([$"UpToDate {_project}-db-1"], Changes(plan));
        Assert.Equal([$"UpToDate {_project}-db-1", $"Remove {_project}-web-2", $"Recreate {_project}-web-1"], Changes(changed));
        Assert.Equal([$"{_project}-db-1 db running", $"{_project}-web-1 web running"], CliPs());
        Assert.Equal(ids[0], Run($"(Get-DockerCompose -Service db).Id").Output.Single().BaseObject.ToString());
    }

    [Fact]
    public void WhatIfShowsThePlanAndChangesNothing()
    {
        Write(App());

        var result = Run("Deploy-DockerCompose -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Contains(result.HostText.Split('\n'), l => l.Contains($"\"Create container (the container does not exist)\" on target \"{_project}-web-2\""));
        Assert.Contains(result.HostText.Split('\n'), l => l.Contains($"\"Create network (network front does not exist)\" on target \"{_project}_front\""));
        Assert.Empty(CliPs());
        Assert.Empty(Run($"Get-DockerNetwork -Name {_project}_front -ErrorAction SilentlyContinue").Output);
    }

    [Fact]
    public void ADependencyThatFailsStopsTheDeploymentWithItsId()
    {
        Write($$"""
            name: {{_project}}
            services:
              migrate:
                image: {{TestEnvironment.Image}}
                command: ["sh", "-c", "exit 3"]
              web:
                image: {{TestEnvironment.Image}}
                command: ["sleep", "3600"]
                depends_on:
                  migrate: {condition: service_completed_successfully}
            """);

        var result = Run("Deploy-DockerCompose");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ComposeDependencyFailed,", error.FullyQualifiedErrorId);
        Assert.Contains($"{_project}-migrate-1 exited with 3", error.Exception.Message);
        Assert.Equal([$"{_project}-migrate-1 migrate exited"], CliPs());
    }

    [Fact]
    public void WhatTheComposeCliDeploysDockerPSListsAndTakesDown()
    {
        Write(App());
        ComposeCli.Check(_folder.FullName, "up", "--detach", "--wait");

        var listed = Run($"Get-DockerCompose -ProjectName {_project} | ForEach-Object Name");
        var removed = Run($"Remove-DockerCompose -ProjectName {_project} -Volume");

        Assert.Equal([$"{_project}-db-1", $"{_project}-web-1", $"{_project}-web-2"], listed.Output.Select(o => o.BaseObject.ToString()));
        Assert.Empty(removed.Errors);
        Assert.Equal(["Container", "Container", "Container", "Network", "Network", "Volume"], removed.Output.Select(o => o.Properties["Kind"].Value.ToString()).Order());
        Assert.Empty(CliPs());
        Assert.Empty(Run($"Get-DockerVolume -Name {_project}_data -ErrorAction SilentlyContinue").Output);
    }

    [Fact]
    public void OrphansAreRemovedOnlyWhenAsked()
    {
        Write(App(replicas: 1));
        Assert.Empty(Run("Deploy-DockerCompose").Errors);
        Write($"name: {_project}\nservices:\n  db:\n    image: {TestEnvironment.Image}\n    command: [\"sleep\", \"3600\"]\n    stop_grace_period: 1s\n");

        var kept = Run("Deploy-DockerCompose");
        var removed = Run("Deploy-DockerCompose -RemoveOrphans");

        Assert.Contains(kept.Warnings, w => w.Message.Contains($"{_project}-web-1") && w.Message.Contains("-RemoveOrphans"));
        Assert.Contains($"Remove {_project}-web-1", Changes(removed));
        Assert.Equal([$"{_project}-db-1 db running"], CliPs());
    }
}
