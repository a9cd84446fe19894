using System.Collections;
using System.Management.Automation;
using System.Net;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Invoke-DockerBuild against the real engine's classic builder, from the busybox test image; every result checked on
/// the engine with the docker CLI. Each test's Dockerfiles label every step's image with the test's own build label, so
/// what a build left (intermediate images of a failed one included) is found and removed when the test ends.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed partial class BuildTests(EngineFixture fixture) : IDisposable
{
    private const string Build = "DockerPS.Commands.InvokeDockerBuildCommand";
    private const string BuildLabel = "dockerps.build";

    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _buildId = Guid.NewGuid().ToString("N")[..10];
    private readonly string _context = Directory.CreateTempSubdirectory("dps-build-context-").FullName;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("dps-build-elsewhere-").FullName;

    public void Dispose()
    {
        var containers = DockerCli.Lines("ps", "-aq", "--filter", $"label={BuildLabel}={_buildId}");
        if (containers.Length > 0)
        {
            DockerCli.Run(["rm", "-f", .. containers]);
        }
        // The last image of each build (a failed one's last step too): removing it removes the steps' images under it.
        var images = DockerCli.Lines("images", "-q", "--no-trunc", "--filter", $"label={BuildLabel}={_buildId}").Distinct().ToArray();
        if (images.Length > 0)
        {
            DockerCli.Run(["rmi", "-f", .. images]);
        }
        Directory.Delete(_context, recursive: true);
        Directory.Delete(_elsewhere, recursive: true);
    }

    /// <summary>A Dockerfile from the test image whose every later step carries this test's labels.</summary>
    private string Dockerfile(params string[] steps) => DockerfileFrom(TestEnvironment.Image, steps);

    private string DockerfileFrom(string from, params string[] steps) =>
        string.Join('\n', [$"FROM {from}", $"LABEL {EngineFixture.Label}={fixture.RunId} {BuildLabel}={_buildId}", .. steps]) + "\n";

    private void Write(string file, string text)
    {
        var path = Path.Combine(_context, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Tag(string what) => $"dps-test/build-{what}-{fixture.RunId}:v1";

    private static string ImageId(string reference) => DockerCli.Run("image", "inspect", "--format", "{{.Id}}", reference).Trim();

    private static bool Exists(string reference)
    {
        try
        {
            DockerCli.Run("image", "inspect", reference);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What a command in a new container of the image writes.</summary>
    private string RunIn(string image, params string[] command) =>
        DockerCli.Run([.. new[] { "run", "--rm" }, .. fixture.LabelArgs, image, .. command]).Trim();

    private static IEnumerable<string> Lines(RunResult result, string tag) =>
        result.Information.Where(i => i.Tags.Contains(tag)).Select(i => ((HostInformationMessage)i.MessageData).Message);

    [Fact]
    public void BuildArgsReachTheStepsAndDebugDoesNotShowThem()
    {
        Write("Dockerfile", Dockerfile("ARG GREETING=unset", "ARG OTHER=default", "RUN echo \"$GREETING $OTHER\" > /greeting"));
        var tag = Tag("args");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -BuildArg @{{ GREETING = 'hello there' }} -Debug");

        Assert.Empty(result.Errors);
        Assert.Equal("hello there default", RunIn(tag, "cat", "/greeting"));
        // Build arguments may carry tokens: the build call's debug line names them without their values.
        Assert.Contains(result.Debug, d => d.Message.Contains("/build?", StringComparison.Ordinal) && d.Message.Contains("&buildargs=(redacted)", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Debug, d => d.Message.Contains("hello", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetBuildsOneStageOfAMultiStageDockerfile()
    {
        Write("Dockerfile", DockerfileFrom($"{TestEnvironment.Image} AS first", "RUN echo first > /stage") + DockerfileFrom($"{TestEnvironment.Image} AS second", "RUN echo second > /stage"));
        var (first, last) = (Tag("first"), Tag("last"));

        var targeted = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {first} -Target first");
        var whole = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {last}");

        Assert.Empty(targeted.Errors.Concat(whole.Errors));
        Assert.Equal("first", RunIn(first, "cat", "/stage"));
        Assert.Equal("second", RunIn(last, "cat", "/stage"));
    }

    [Fact]
    public void LabelsAreOnTheImage()
    {
        Write("Dockerfile", Dockerfile("RUN true"));
        var tag = Tag("labels");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -Label @{{ 'org.example.team' = 'shop'; version = 2 }}");

        Assert.Empty(result.Errors);
        Assert.Equal("shop|2", DockerCli.Run("image", "inspect", "--format", "{{index .Config.Labels \"org.example.team\"}}|{{.Config.Labels.version}}", tag).Trim());
        var labels = (IReadOnlyDictionary<string, string>)Assert.Single(result.Output).Properties["Labels"].Value;
        Assert.Equal("shop", labels["org.example.team"]);
    }

    [Fact]
    public void ADockerfileOutsideTheContextIsFoundFromTheCurrentLocation()
    {
        Write("data/file.txt", "from the context");
        File.WriteAllText(Path.Combine(_elsewhere, "Build.dockerfile"), Dockerfile("COPY data/file.txt /file.txt"));
        var tag = Tag("outside");

        var result = _ps.Run($"$here = $PWD; $null = $ExecutionContext.SessionState.Path.SetLocation('{_elsewhere}'); try {{ Invoke-DockerBuild '{_context}' -Dockerfile Build.dockerfile -Tag {tag} }} finally {{ $null = $ExecutionContext.SessionState.Path.SetLocation($here) }}");

        Assert.Empty(result.Errors);
        Assert.Equal("from the context", RunIn(tag, "cat", "/file.txt"));
    }

    [Fact]
    public void ADockerfileInASubdirectoryOfTheContextIsNamedRelativeToIt()
    {
        Write("data/file.txt", "inside");
        Write("build/app.dockerfile", Dockerfile("COPY data/file.txt /file.txt"));
        var tag = Tag("sub");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Dockerfile '{Path.Combine(_context, "build", "app.dockerfile")}' -Tag {tag}");

        Assert.Empty(result.Errors);
        Assert.Equal("inside", RunIn(tag, "cat", "/file.txt"));
    }

    [Fact]
    public void DockerfileContentComesFromThePipeline()
    {
        Write("file.txt", "piped");
        var tag = Tag("content");

        var result = _ps.Run($"$text | Invoke-DockerBuild '{_context}' -Tag {tag}", new Hashtable { ["text"] = Dockerfile("COPY file.txt /file.txt") });

        Assert.Empty(result.Errors);
        Assert.Equal("piped", RunIn(tag, "cat", "/file.txt"));
    }

    [Fact]
    public void AFailingStepIsAnErrorWithTheStepItsOutputAndTheExitCodeAndNothingIsTagged()
    {
        Write("Dockerfile", Dockerfile("RUN echo fine", "RUN echo one; echo two >&2; exit 7", "RUN echo never"));
        var tag = Tag("fails");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -ForceRemove");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"BuildFailed,{Build}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(_context, error.TargetObject);
        var failure = PSObject.AsPSObject(error.Exception);
        Assert.Equal("Step 4/5 : RUN echo one; echo two >&2; exit 7", failure.Properties["Step"].Value);
        // Podman's builder reports no exit code with the error.
        Assert.Equal(TestEngine.IsPodman ? null : 7, failure.Properties["ExitCode"].Value);
        var tail = ((IEnumerable<string>)failure.Properties["OutputTail"].Value).ToArray();
        Assert.Contains("one", tail);
        Assert.Contains("two", tail);
        Assert.DoesNotContain("fine", tail);
        Assert.Contains("Step 4/5", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.False(Exists(tag));
        // -ForceRemove: the failed step's container is gone too.
        Assert.Empty(DockerCli.Lines("ps", "-aq", "--filter", $"label={BuildLabel}={_buildId}"));
    }

    [Fact]
    public void AStepFailingWithoutACommandHasNoExitCode()
    {
        Write("Dockerfile", Dockerfile("COPY missing.txt /"));

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {Tag("nocopy")}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"BuildFailed,{Build}", error.FullyQualifiedErrorId);
        var failure = PSObject.AsPSObject(error.Exception);
        Assert.Equal("Step 3/3 : COPY missing.txt /", failure.Properties["Step"].Value);
        Assert.Null(failure.Properties["ExitCode"].Value);
    }

    [Fact]
    public void BadInputStopsBeforeTheEngine()
    {
        Write("Dockerfile", Dockerfile());
        // An engine that is not there: any call would be EngineUnreachable.
        var nowhere = "-DockerHost unix:///nonexistent/docker.sock";

        var context = _ps.Run($"Invoke-DockerBuild '{Path.Combine(_context, "missing")}' {nowhere}");
        var dockerfile = _ps.Run($"Invoke-DockerBuild '{_context}' -Dockerfile '{Path.Combine(_elsewhere, "missing")}' {nowhere}");
        var tag = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag Not/Valid:tag {nowhere}");

        Assert.Equal($"BuildContextNotFound,{Build}", Assert.Single(context.ErrorIds));
        Assert.Equal(ErrorCategory.ObjectNotFound, context.Errors[0].CategoryInfo.Category);
        Assert.Equal($"DockerfileNotFound,{Build}", Assert.Single(dockerfile.ErrorIds));
        Assert.Equal($"InvalidReference,{Build}", Assert.Single(tag.ErrorIds));
    }

    [Fact]
    public void DockerIgnoreKeepsFilesOutOfTheContext()
    {
        Write("kept.txt", "kept");
        Write("secret.txt", "secret");
        Write(".dockerignore", "secret.txt\n");
        Write("Dockerfile", Dockerfile("COPY . /ctx"));
        var tag = Tag("ignore");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { ".dockerignore", "Dockerfile", "kept.txt" }, RunIn(tag, "ls", "-A", "/ctx").Split('\n').Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ABadDockerIgnorePatternStopsBeforeTheEngine()
    {
        Write(".dockerignore", "[unclosed\n");
        Write("Dockerfile", Dockerfile());

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -DockerHost unix:///nonexistent/docker.sock");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"InvalidDockerIgnore,{Build}", error.FullyQualifiedErrorId);
        Assert.Equal(Path.Combine(_context, ".dockerignore"), error.TargetObject);
    }

    [Fact]
    public void WhatIfBuildsNothing()
    {
        Write("Dockerfile", Dockerfile("RUN true"));
        var tag = Tag("whatif");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -WhatIf");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Output);
        Assert.Contains($"What if: Performing the operation \"Build image {tag}\" on target \"{_context}\".", result.HostText);
        Assert.False(Exists(tag));
        Assert.Empty(DockerCli.Lines("images", "-aq", "--filter", $"label={BuildLabel}={_buildId}"));
    }

    [Fact]
    public void PipedFoldersAreBuiltEachInTurnAndABadOneDoesNotStopTheRest()
    {
        Write(Path.Combine("a", "Dockerfile"), Dockerfile("RUN echo a > /which"));
        Write(Path.Combine("b", "Dockerfile"), Dockerfile("RUN echo b > /which"));
        var (a, b) = (Path.Combine(_context, "a"), Path.Combine(_context, "b"));

        // Folders bind by their FullName, as Get-ChildItem -Directory writes them.
        var result = _ps.Run($"[System.IO.DirectoryInfo]::new('{a}'), [System.IO.DirectoryInfo]::new('{_context}/missing'), [System.IO.DirectoryInfo]::new('{b}') | " +
                             "Invoke-DockerBuild");

        Assert.Equal($"BuildContextNotFound,{Build}", Assert.Single(result.ErrorIds));
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(["a", "b"], result.Output.Select(image => RunIn((string)image.Properties["Id"].Value, "cat", "/which")));
    }

    [Fact]
    public void TheBuiltImageHasEveryTagAndStepsAndProgressAreReported()
    {
        Write("payload.bin", new string('x', 300_000));
        Write("Dockerfile", Dockerfile("COPY payload.bin /", "RUN echo built-output"));
        var (one, two) = (Tag("one"), $"dps-test/build-two-{fixture.RunId}");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {one}, {two} -Verbose");

        Assert.Empty(result.Errors);
        var image = Assert.Single(result.Output);
        Assert.Equal("DockerPS.ImageDetail", image.BaseObject.GetType().FullName);
        Assert.Equal(ImageId(one), image.Properties["Id"].Value);
        Assert.Equal(ImageId(one), ImageId(two + ":latest"));
        Assert.Equal(new[] { one, two + ":latest" }, ((IEnumerable<string>)image.Properties["RepoTags"].Value).Order());
        Assert.Equal(TestEnvironment.ModuleDockerHost, PSObject.AsPSObject(image.Properties["Engine"].Value).Properties["Endpoint"].Value);

        Assert.Equal(new[] { $"Step 1/4 : FROM {TestEnvironment.Image}", "Step 2/4 : LABEL", "Step 3/4 : COPY payload.bin /", "Step 4/4 : RUN echo built-output" },
            Lines(result, "DockerBuildStep").Select(l => l.StartsWith("Step 2/4 : LABEL", StringComparison.Ordinal) ? "Step 2/4 : LABEL" : l));
        Assert.Contains("built-output", Lines(result, "DockerBuild"));
        Assert.All(result.Information, i => Assert.Contains("PSHOST", i.Tags));
        Assert.Contains(result.Verbose, v => v.Message == "Step 4/4 : RUN echo built-output");

        var upload = result.Progress.Where(p => p.Activity == $"Uploading build context {_context}").ToArray();
        Assert.NotEmpty(upload);
        Assert.Equal(ProgressRecordType.Completed, upload[^1].RecordType);
        Assert.Contains(upload, p => p.StatusDescription.Contains(" of ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void TheClassicBuilderStillBuildsWhereBuildKitIsTheCliDefault()
    {
        // Docker 23 and later build with BuildKit from the CLI; the engine's classic builder, which DockerPS drives,
        // is still there (the main leg runs Docker 28). Its history marks metadata steps #(nop); BuildKit's does not.
        TestEngine.SkipOnPodman("builds run in buildah, not in a Docker builder");
        Write("Dockerfile", Dockerfile("RUN echo classic > /built", "CMD [\"cat\", \"/built\"]"));
        var tag = Tag("classic");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}");

        Assert.Empty(result.Errors);
        Assert.Equal(ImageId(tag), Assert.Single(result.Output).Properties["Id"].Value);
        var history = DockerCli.Lines("history", "--no-trunc", "--format", "{{.CreatedBy}} {{.Comment}}", tag);
        Assert.Contains(history, h => h.StartsWith("/bin/sh -c #(nop)  CMD [\"cat\" \"/built\"]", StringComparison.Ordinal));
        Assert.DoesNotContain(history, h => h.Contains("buildkit", StringComparison.Ordinal));
        Assert.Equal("classic", DockerCli.Run([.. new[] { "run", "--rm" }, .. fixture.LabelArgs, tag]).Trim());
    }

    [Fact]
    public void NoCacheRunsEveryStepAgain()
    {
        Write("Dockerfile", Dockerfile("RUN echo cached"));
        var tag = Tag("cache");

        var first = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}");
        var cached = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}");
        var fresh = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -NoCache");

        Assert.Empty(first.Errors.Concat(cached.Errors).Concat(fresh.Errors));
        var id = first.Output[0].Properties["Id"].Value;
        Assert.Equal(id, cached.Output[0].Properties["Id"].Value);
        // " ---> Using cache" from Docker's classic builder, "--> Using cache <id>" from Podman's.
        Assert.Contains(Lines(cached, "DockerBuild"), l => l.Contains("> Using cache", StringComparison.Ordinal));
        Assert.DoesNotContain(Lines(fresh, "DockerBuild"), l => l.Contains("> Using cache", StringComparison.Ordinal));
        Assert.NotEqual(id, fresh.Output[0].Properties["Id"].Value);
        Assert.Equal(fresh.Output[0].Properties["Id"].Value, ImageId(tag));
    }

    private static Hashtable RegistryCredential => new() { ["cred"] = new PSCredential(TestRegistry.User, new NetworkCredential("", TestRegistry.Password).SecurePassword) };

    /// <summary>
    /// An image only the authenticated test registry has: a layer of its own (a /marker with the returned text), which the
    /// engine no longer has once the image is pushed and removed, so a build downloads it.
    /// </summary>
    private string PushedImage(string name, out string marker)
    {
        var remote = $"{TestRegistry.Http}/dps-test/{name}-{fixture.RunId}:v1";
        marker = Guid.NewGuid().ToString("N");
        var container = fixture.CliContainer(false, "sh", "-c", $"echo {marker} > /marker");
        DockerCli.Run("start", "-a", container);
        DockerCli.Commit(container, remote, $"LABEL {BuildLabel}={_buildId}");
        DockerCli.Run("rm", container);
        Assert.Empty(_ps.Run($"Push-DockerImage {remote} -Credential $cred", RegistryCredential).Errors);
        DockerCli.Run("rmi", remote);
        return remote;
    }

    [SkippableFact]
    public void BaseImagesPullWithTheCredentialsGivenAndShowProgress()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        var cred = RegistryCredential;
        var remote = PushedImage("build-base", out _);
        Write("Dockerfile", DockerfileFrom(remote, "RUN true"));
        var tag = Tag("pulled");

        // No stored credentials in the suite's DOCKER_CONFIG: the registry refuses the pull.
        var refused = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}");
        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -Credential $cred", cred);

        Assert.Equal($"BuildFailed,{Build}", Assert.Single(refused.ErrorIds));
        Assert.Empty(result.Errors);
        Assert.Equal(ImageId(tag), Assert.Single(result.Output).Properties["Id"].Value);
        var pulls = result.Progress.Where(p => p.Activity == "Pulling base images").ToArray();
        Assert.NotEmpty(pulls);
        Assert.Equal(ProgressRecordType.Completed, pulls[^1].RecordType);
        Assert.Contains(result.Progress, p => p.ParentActivityId == pulls[0].ActivityId && p.Activity.StartsWith("Layer ", StringComparison.Ordinal));
        DockerCli.Run("rmi", remote);
    }

    [SkippableFact]
    public void ImagesOfCopyFromPullWithTheCredentialsGiven()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        var remote = PushedImage("build-copy", out var marker);
        Write("Dockerfile", Dockerfile($"COPY --from={remote} /marker /copied"));
        var tag = Tag("copied");

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag} -Credential $cred", RegistryCredential);

        Assert.Empty(result.Errors);
        Assert.Equal(marker, DockerCli.Run("run", "--rm", tag, "cat", "/copied").Trim());
        DockerCli.Run("rmi", remote);
    }

    [Fact]
    public void StoppingABuildCancelsItOnTheEngine()
    {
        Write("Dockerfile", Dockerfile("RUN sleep 300"));
        var tag = Tag("stopped");
        using var started = new ManualResetEventSlim();
        var running = false;

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}", null, ps =>
        {
            var information = ps.Streams.Information;
            information.DataAdded += (_, e) =>
            {
                // Docker's builder says when the step's container runs; Podman's only announces the step.
                var line = information[e.Index].MessageData.ToString()!;
                if (line.StartsWith(" ---> Running in ", StringComparison.Ordinal) || (TestEngine.IsPodman && line.EndsWith(": RUN sleep 300", StringComparison.Ordinal)))
                {
                    started.Set();
                }
            };
            running = started.Wait(TimeSpan.FromSeconds(60));
            ps.Stop();
        });

        Assert.True(running, "the RUN step never started");
        Assert.Empty(result.Output);
        Assert.False(Exists(tag));
        // The engine kills and removes the step's container once the build is cancelled (within a second when the machine
        // is idle; 30 s were once not enough on the ssh leg of a loaded CI machine), long before the step would end.
        Assert.True(SpinWait.SpinUntil(() => DockerCli.Lines("ps", "-aq", "--filter", $"label={BuildLabel}={_buildId}").Length == 0, TimeSpan.FromSeconds(90)),
            "the cancelled step's container is still there");
    }

    [SkippableFact]
    public void StoppingDuringTheUploadEndsItOnTheEngine()
    {
        TestEngine.SkipOnPodman("its builder (buildah) receives the context into no folder of the engine's data root");
        Write("Dockerfile", Dockerfile());
        // A sparse 32 GiB file: nothing on this disk holds it, and its upload takes far longer than the bounds below.
        using (var huge = File.Create(Path.Combine(_context, "huge.bin")))
        {
            huge.SetLength(32L << 30);
        }
        var tag = Tag("upload-stopped");
        // The classic builder unpacks an upload as it arrives into a folder of its own, and removes it when the upload ends.
        var unpacking = Path.Combine(TestEngine.DataRoot, "tmp");
        string[] Unpacking() => Directory.Exists(unpacking) ? Directory.GetDirectories(unpacking, "docker-builder*") : [];
        var before = Unpacking();
        using var uploading = new ManualResetEventSlim();
        string[] ours = [];

        var result = _ps.Run($"Invoke-DockerBuild '{_context}' -Tag {tag}", null, ps =>
        {
            var progress = ps.Streams.Progress;
            progress.DataAdded += (_, e) =>
            {
                if (progress[e.Index] is { Activity: var activity, PercentComplete: > 0 } && activity.StartsWith("Uploading build context", StringComparison.Ordinal))
                {
                    uploading.Set();
                }
            };
            if (uploading.Wait(TimeSpan.FromSeconds(60)))
            {
                ours = Unpacking().Except(before).ToArray();
            }
            ps.Stop();
        });

        Assert.NotEmpty(ours);
        Assert.Empty(result.Output);
        // A stop that left the upload running would keep the engine unpacking for minutes.
        Assert.True(SpinWait.SpinUntil(() => !ours.Any(Directory.Exists), TimeSpan.FromSeconds(15)), "the engine is still receiving the stopped upload");
        Assert.False(Exists(tag));
    }
}
