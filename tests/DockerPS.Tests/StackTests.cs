using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Deploy-, Get- and Remove-DockerStack on the test swarm, checked with the docker CLI's stack commands on the manager:
/// what DockerPS deploys `docker stack ls/services/ps` show and what `docker stack deploy` deploys DockerPS updates and
/// removes. Stacks are named with this run's id and removed in a finally.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class StackTests(EngineFixture fixture) : IDisposable
{
    private const string Image = "dockerps-test/busybox:latest";
    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _stack = $"dps{fixture.RunId}stk{Guid.NewGuid().ToString("N")[..4]}";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dps-stack-");

    public void Dispose()
    {
        if (TestSwarm.Cli("stack", "ls", "--format", "{{.Name}}").Split('\n').Contains(_stack))
        {
            TestSwarm.Cli("stack", "rm", _stack);
        }
        _folder.Delete(recursive: true);
    }

    /// <summary>
    /// Two services (web with two replicas, a secret from a file, a config from content and an overlay network), tasks that
    /// stop at once. The config comes from a file for the docker CLI, whose stack files have no content.
    /// </summary>
    private void Write(string image = Image, string level = "info", string extraEnvironment = "EXTRA: '1'", string motd = "content: hello")
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "key.txt"), "s3cret");
        File.WriteAllText(Path.Combine(_folder.FullName, "motd.txt"), "hello");
        File.WriteAllText(Path.Combine(_folder.FullName, "compose.yaml"), $$"""
            services:
              web:
                image: {{image}}
                command: [sleep, "600"]
                environment:
                  LEVEL: {{level}}
                  {{extraEnvironment}}
                networks: [back]
                secrets: [key]
                configs: [{source: motd, target: /etc/motd}]
                deploy:
                  replicas: 2
                  update_config: {parallelism: 2, monitor: 1s}
                stop_grace_period: 1s
              db:
                image: {{Image}}
                command: [sleep, "600"]
                networks: [back]
                stop_grace_period: 1s
            networks:
              back: {}
            secrets:
              key: {file: ./key.txt}
            configs:
              motd: {{{motd}}}
            """);
    }

    private RunResult Run(string script) =>
        TestSwarm.OnManager(_ps, $"$here = $PWD.Path; $null = $ExecutionContext.SessionState.Path.SetLocation('{_folder.FullName}'); try {{ {script} }} finally {{ $null = $ExecutionContext.SessionState.Path.SetLocation($here) }}");

    private static string[] Changes(RunResult result) =>
        [.. result.Output.Select(o => $"{o.Properties["Kind"].Value} {o.Properties["Name"].Value} {o.Properties["Action"].Value}")];

    private string[] CliServices() =>
        TestSwarm.Cli("stack", "services", _stack, "--format", "{{.Name}} {{.Mode}} {{.Replicas}} {{.Image}}").Split('\n').Order().ToArray();

    private string Inspect(string service, string format) => TestSwarm.Cli("service", "inspect", $"{_stack}_{service}", "--format", format);

    [Fact]
    public void ADeployedStackIsWhatTheCliListsAndARedeployUpdatesItInPlace()
    {
        Write();
        var whatIf = Run($"Deploy-DockerStack -Name {_stack} -WhatIf");
        Assert.Empty(RunResult.Described(whatIf.Errors));
        Assert.Empty(whatIf.Output);
        Assert.Equal("", TestSwarm.Cli("service", "ls", "--filter", $"label=com.docker.stack.namespace={_stack}", "-q"));

        var deployed = Run($"Deploy-DockerStack -Name {_stack}");

        Assert.Empty(RunResult.Described(deployed.Errors));
        Assert.Equal([$"Network {_stack}_back Create", $"Secret {_stack}_key Create", $"Config {_stack}_motd Create",
            $"Service {_stack}_db Create", $"Service {_stack}_web Create"], Changes(deployed));
        Assert.Contains($"{_stack} 2", TestSwarm.Cli("stack", "ls", "--format", "{{.Name}} {{.Services}}").Split('\n'));
        TestSwarm.WaitFor(() => CliServices().SequenceEqual([$"{_stack}_db replicated 1/1 {Image}", $"{_stack}_web replicated 2/2 {Image}"]),
            $"The stack's services did not all run: {string.Join(", ", CliServices())}");
        Assert.Equal(3, TestSwarm.Cli("stack", "ps", _stack, "--filter", "desired-state=running", "--format", "{{.CurrentState}}").Split('\n').Count(s => s.StartsWith("Running")));
        Assert.Equal("overlay swarm", TestSwarm.Cli("network", "inspect", $"{_stack}_back", "--format", "{{.Driver}} {{.Scope}}"));
        Assert.Equal([$"{_stack}_key"], TestSwarm.Names("secret", $"com.docker.stack.namespace={_stack}"));
        Assert.Equal("hello", TestSwarm.Cli("config", "inspect", $"{_stack}_motd", "--format", "{{printf \"%s\" .Spec.Data}}"));
        Assert.Equal($"[web] {_stack}_key {_stack}_motd:/etc/motd {Image}",
            Inspect("web", "{{(index .Spec.TaskTemplate.Networks 0).Aliases}} {{(index .Spec.TaskTemplate.ContainerSpec.Secrets 0).SecretName}} " +
                "{{(index .Spec.TaskTemplate.ContainerSpec.Configs 0).ConfigName}}:{{(index .Spec.TaskTemplate.ContainerSpec.Configs 0).File.Name}} {{index .Spec.Labels \"com.docker.stack.image\"}}"));
        var listed = Assert.Single(Run($"Get-DockerStack {_stack}").Output);
        Assert.Equal(2, listed.Properties["Services"].Value);
        var ids = Inspect("web", "{{.ID}}") + Inspect("db", "{{.ID}}");

        // A new image and environment: the services are updated, the variable the file no longer has goes.
        var image = $"dps-stack-{fixture.RunId}:v2";
        foreach (var node in TestEnvironment.SwarmHosts)
        {
            TestSwarm.CliOn(node, "image", "tag", Image, image);
        }
        try
        {
            Write(image, "debug", extraEnvironment: "");
            var redeployed = Run($"Import-DockerCompose | Deploy-DockerStack -Name {_stack}");

            Assert.Empty(RunResult.Described(redeployed.Errors));
            Assert.Equal([$"Network {_stack}_back UpToDate", $"Secret {_stack}_key UpToDate", $"Config {_stack}_motd UpToDate",
                $"Service {_stack}_db Update", $"Service {_stack}_web Update"], Changes(redeployed));
            Assert.Equal(ids, Inspect("web", "{{.ID}}") + Inspect("db", "{{.ID}}"));
            Assert.Equal($"{image} [LEVEL=debug]", Inspect("web", "{{.Spec.TaskTemplate.ContainerSpec.Image}} {{.Spec.TaskTemplate.ContainerSpec.Env}}"));
            TestSwarm.WaitFor(() => CliServices().SequenceEqual([$"{_stack}_db replicated 1/1 {Image}", $"{_stack}_web replicated 2/2 {image}"]),
                $"The updated service did not run: {string.Join(", ", CliServices())}");
        }
        finally
        {
            TestSwarm.Cli("stack", "rm", _stack);
            TestSwarm.RemoveImage(image);
        }
    }

    [Fact]
    public void AStackTheCliDeployedIsListedUpdatedAndRemoved()
    {
        Write(motd: "file: ./motd.txt");
        TestSwarm.Cli("stack", "deploy", "--detach=true", "--compose-file", Path.Combine(_folder.FullName, "compose.yaml"), _stack);
        var ids = Inspect("web", "{{.ID}}") + Inspect("db", "{{.ID}}");

        var listed = Run($"Get-DockerStack {_stack}*");
        Assert.Empty(RunResult.Described(listed.Errors));
        Assert.Equal($"{_stack} 2", Assert.Single(listed.Output.Select(o => $"{o.Properties["Name"].Value} {o.Properties["Services"].Value}")));

        var redeployed = Run($"Deploy-DockerStack -Name {_stack}");
        Assert.Empty(RunResult.Described(redeployed.Errors));
        Assert.Equal([$"Network {_stack}_back UpToDate", $"Secret {_stack}_key UpToDate", $"Config {_stack}_motd UpToDate",
            $"Service {_stack}_db Update", $"Service {_stack}_web Update"], Changes(redeployed));
        Assert.Equal(ids, Inspect("web", "{{.ID}}") + Inspect("db", "{{.ID}}"));

        var removed = Run($"Get-DockerStack {_stack} | Remove-DockerStack");

        Assert.Empty(RunResult.Described(removed.Errors));
        Assert.Equal([$"Service {_stack}_db Remove", $"Service {_stack}_web Remove", $"Secret {_stack}_key Remove", $"Config {_stack}_motd Remove",
            $"Network {_stack}_back Remove"], Changes(removed));
        Assert.DoesNotContain(_stack, TestSwarm.Cli("stack", "ls", "--format", "{{.Name}}").Split('\n'));
        Assert.Empty(TestSwarm.Names("secret", $"com.docker.stack.namespace={_stack}"));
        Assert.Empty(TestSwarm.Names("config", $"com.docker.stack.namespace={_stack}"));
        // The manager lists the removed overlay network until the tasks on it are gone.
        TestSwarm.WaitFor(() => TestSwarm.Names("network", $"com.docker.stack.namespace={_stack}").Length == 0, "The stack's network did not go");
    }

    [Fact]
    public void ServicesTheFileNoLongerHasStayUnlessPruned()
    {
        Write();
        Assert.Empty(RunResult.Described(Run($"Deploy-DockerStack -Name {_stack}").Errors));
        File.WriteAllText(Path.Combine(_folder.FullName, "compose.yaml"),
            $"services:\n  db:\n    image: {Image}\n    command: [sleep, \"600\"]\n    networks: [back]\n    stop_grace_period: 1s\nnetworks:\n  back: {{}}\n");
        string[] Listed() => TestSwarm.Cli("stack", "services", _stack, "--format", "{{.Name}}").Split('\n').Order().ToArray();

        var kept = Run($"Deploy-DockerStack -Name {_stack}");
        Assert.Empty(RunResult.Described(kept.Errors));
        Assert.Equal([$"Network {_stack}_back UpToDate", $"Service {_stack}_db Update"], Changes(kept));
        Assert.Equal([$"{_stack}_db", $"{_stack}_web"], Listed());

        var pruned = Run($"Deploy-DockerStack -Name {_stack} -Prune");
        Assert.Empty(RunResult.Described(pruned.Errors));
        Assert.Equal([$"Network {_stack}_back UpToDate", $"Service {_stack}_db Update", $"Service {_stack}_web Remove"], Changes(pruned));
        Assert.Equal([$"{_stack}_db"], Listed());
    }

    [Fact]
    public void AStackTheSwarmDoesNotHaveIsStackNotFound()
    {
        var result = Run($"Remove-DockerStack {_stack}; Get-DockerStack {_stack}; Get-DockerStack {_stack}*");

        Assert.Equal(["StackNotFound,DockerPS.Commands.RemoveDockerStackCommand", "StackNotFound,DockerPS.Commands.GetDockerStackCommand"], result.ErrorIds);
        Assert.Equal(_stack, result.Errors[0].TargetObject);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void AServiceWithoutAnImageIsComposeFileInvalidAndNothingIsMade()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "compose.yaml"), "services:\n  web:\n    build: .\n");

        var result = Run($"Deploy-DockerStack -Name {_stack}");

        Assert.Equal(["ComposeFileInvalid,DockerPS.Commands.DeployDockerStackCommand"], result.ErrorIds);
        Assert.Contains("needs an image", result.Errors[0].ToString());
        Assert.Empty(TestSwarm.Names("network", $"com.docker.stack.namespace={_stack}"));
    }
}
