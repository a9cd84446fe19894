using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DockerPS.Tests.Harness;
using Xunit;

namespace DockerPS.Tests;

/// <summary>
/// Pull, push, login and logout against the registries of tests/env/up.sh, with credentials from each source the docker
/// CLI reads and with none; every result checked with the docker CLI or in the stores themselves.
/// </summary>
[Collection(EngineCollection.Name)]
[Trait(TestEnvironment.LegsTrait, TestEnvironment.AllLegs)]
public sealed class RegistryTests(EngineFixture fixture) : IDisposable
{
    private const string Pull = "DockerPS.Commands.RequestDockerImageCommand";
    private const string Push = "DockerPS.Commands.PushDockerImageCommand";
    private const string Login = "DockerPS.Commands.ConnectDockerRegistryCommand";
    private const string Logout = "DockerPS.Commands.DisconnectDockerRegistryCommand";
    private const string Helper = "dpstest";

    private readonly PowerShellSession _ps = fixture.Session;
    private readonly string _config = Directory.CreateTempSubdirectory("dps-registry-config-").FullName;
    private readonly string _helperStore = Directory.CreateTempSubdirectory("dps-registry-helper-").FullName;
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");

    public void Dispose()
    {
        TestEnvironment.ResetEnvironment();
        Environment.SetEnvironmentVariable("PATH", _path);
        Environment.SetEnvironmentVariable("DPSTEST_CREDENTIALS", null);
    }

    private static PSCredential Credential(string password) =>
        new(TestRegistry.User, new NetworkCredential("", password).SecurePassword);

    private static Hashtable Vars(string password) => new() { ["cred"] = Credential(password) };

    private static string BasicAuth => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestRegistry.User}:{TestRegistry.Password}"));

    /// <summary>This test's DOCKER_CONFIG, with the given config.json; the test helper on PATH, storing under its own folder.</summary>
    private void UseConfig(JsonObject? config)
    {
        Environment.SetEnvironmentVariable("DOCKER_CONFIG", _config);
        if (config is not null)
        {
            File.WriteAllText(ConfigFile, config.ToJsonString());
        }
        Environment.SetEnvironmentVariable("PATH", Path.Combine(TestEnvironment.RepoRoot, "tests") + ":" + _path);
        Environment.SetEnvironmentVariable("DPSTEST_CREDENTIALS", _helperStore);
    }

    private string ConfigFile => Path.Combine(_config, "config.json");

    private JsonObject ReadConfig() => (JsonObject)JsonNode.Parse(File.ReadAllText(ConfigFile))!;

    /// <summary>A new image of this run (one layer more than the base, holding <paramref name="marker"/>), tagged as <paramref name="reference"/>.</summary>
    private void MakeImage(string reference, string marker)
    {
        var container = fixture.CliContainer(false, "sh", "-c", $"echo {marker} > /marker");
        DockerCli.Run("start", "-a", container);
        DockerCli.Commit(container, reference, $"LABEL {EngineFixture.Label}={fixture.RunId}");
    }

    private string Reference(string registry, string name, string tag = "v1") => $"{registry}/dps-test/{name}-{fixture.RunId}:{tag}";

    private static bool ExistsLocally(string reference)
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

    private static string RepositoryOf(string reference) => reference[..reference.LastIndexOf(':')];

    /// <summary>Stores credentials through the test helper itself, as a docker login with it configured would.</summary>
    private void StoreInHelper(string registry, string password)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(TestEnvironment.RepoRoot, "tests", "docker-credential-dpstest"), "store") { RedirectStandardInput = true };
        start.Environment["DPSTEST_CREDENTIALS"] = _helperStore;
        using var helper = System.Diagnostics.Process.Start(start)!;
        helper.StandardInput.Write(new JsonObject { ["ServerURL"] = registry, ["Username"] = TestRegistry.User, ["Secret"] = password }.ToJsonString());
        helper.StandardInput.Close();
        helper.WaitForExit();
        Assert.Equal(0, helper.ExitCode);
    }

    /// <summary>
    /// Tag → push → remove locally → pull → run, with whatever credentials <paramref name="credential"/> adds (or the stored
    /// ones); asserts each step on the engine and the progress both transfers report.
    /// </summary>
    private void RoundTrip(string reference, string credential = "", Hashtable? variables = null, string pullOptions = "")
    {
        var marker = Guid.NewGuid().ToString("N");
        MakeImage(reference, marker);
        var id = DockerCli.Run("image", "inspect", reference, "--format", "{{.Id}}").Trim();

        var push = _ps.Run($"Push-DockerImage {reference} {credential}", variables);

        Assert.Empty(push.Errors);
        var pushed = Assert.Single(push.Output);
        Assert.Equal("DockerPS.PushResult", pushed.BaseObject.GetType().FullName);
        Assert.Equal(reference, pushed.Properties["Reference"].Value);
        var digest = (string)pushed.Properties["Digest"].Value;
        Assert.Contains($"{RepositoryOf(reference)}@{digest}", DockerCli.Run("image", "inspect", reference, "--format", "{{json .RepoDigests}}"));
        AssertLayerProgress(push.Progress, "Pushing");

        DockerCli.Run("rmi", reference);
        Assert.False(ExistsLocally(reference));

        var pull = _ps.Run($"Request-DockerImage {reference} {credential} {pullOptions}", variables);

        Assert.Empty(pull.Errors);
        var image = Assert.Single(pull.Output);
        Assert.Equal("DockerPS.Image", image.BaseObject.GetType().FullName);
        Assert.Equal(reference, image.Properties["Reference"].Value);
        Assert.Equal(id, image.Properties["Id"].Value);
        Assert.Equal(digest, image.Properties["Digest"].Value);
        AssertLayerProgress(pull.Progress, "Pulling");

        var run = _ps.Run($"Invoke-DockerContainer {reference} -Remove -- cat /marker");
        Assert.Empty(run.Errors);
        Assert.Equal(marker, Assert.Single(run.Output).BaseObject);
    }

    /// <summary>One overall bar that ends completed, and layer bars under it (the new layer moved bytes).</summary>
    private static void AssertLayerProgress(IReadOnlyList<ProgressRecord> progress, string verb)
    {
        var overall = progress.Where(p => p.Activity.StartsWith(verb + " ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(overall);
        Assert.Single(overall.Select(p => p.ActivityId).Distinct());
        Assert.Equal(ProgressRecordType.Completed, overall[^1].RecordType);
        var layers = progress.Where(p => p.ParentActivityId == overall[0].ActivityId).ToArray();
        Assert.NotEmpty(layers);
        Assert.All(layers, l => Assert.StartsWith("Layer ", l.Activity));
        Assert.Contains(overall, p => p.StatusDescription.Contains(" layers, ", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void RoundTripWithCredentialParameter()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        RoundTrip(Reference(TestRegistry.Http, "param"), "-Credential $cred", Vars(TestRegistry.Password));
    }

    [SkippableFact]
    public void RoundTripWithNoCredentialsThroughARegistryWithoutLogin()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        RoundTrip(Reference(TestRegistry.Open, "anonymous"));
    }

    [SkippableFact]
    public void PushWithNoCredentialsToARegistryThatWantsALoginIsAnAuthenticationError()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var reference = Reference(TestRegistry.Http, "nologin");
        MakeImage(reference, "x");

        var push = _ps.Run($"Push-DockerImage {reference}");

        Assert.Equal($"RegistryAuthenticationFailed,{Push}", Assert.Single(push.ErrorIds));
        Assert.Equal(ErrorCategory.AuthenticationError, push.Errors[0].CategoryInfo.Category);
        Assert.Empty(push.Output);
        // Nothing reached the registry: with the password, there is nothing to pull under that name.
        DockerCli.Run("rmi", reference);
        var check = _ps.Run($"Request-DockerImage {reference} -Credential $cred", Vars(TestRegistry.Password));
        Assert.Equal($"ImageNotFound,{Pull}", Assert.Single(check.ErrorIds));
    }

    [SkippableFact]
    public void RoundTripThroughTheTlsRegistry()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        RoundTrip(Reference(TestRegistry.Tls, "tls"), "-Credential $cred", Vars(TestRegistry.Password), "-Platform linux/amd64");
    }

    [SkippableFact]
    public void RoundTripWithConfigJsonAuths()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(new JsonObject { ["auths"] = new JsonObject { [TestRegistry.Http] = new JsonObject { ["auth"] = BasicAuth } } });
        RoundTrip(Reference(TestRegistry.Http, "auths"));
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void RoundTripWithACredentialHelper(bool credsStore)
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        // A wrong auths entry proves the helper is asked instead.
        var config = new JsonObject { ["auths"] = new JsonObject { [TestRegistry.Http] = new JsonObject { ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("dpsuser:wrong")) } } };
        config[credsStore ? "credsStore" : "credHelpers"] = credsStore ? Helper : new JsonObject { [TestRegistry.Http] = Helper };
        UseConfig(config);
        StoreInHelper(TestRegistry.Http, TestRegistry.Password);

        RoundTrip(Reference(TestRegistry.Http, credsStore ? "store" : "helpers"));
    }

    [Fact]
    public void AnUnreachableRegistryIsItsOwnErrorNamingTheRegistry()
    {
        // A port nothing listens on: taken from the system, then let go.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var registry = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        UseConfig(null);
        var reference = Reference(registry, "unreachable");
        MakeImage(reference, "x");

        var push = _ps.Run($"Push-DockerImage {reference}");
        var pull = _ps.Run($"Request-DockerImage {registry}/dockerps-test/nothing:v1");
        var login = _ps.Run($"Connect-DockerRegistry {registry} -Credential $cred", Vars("any"));
        DockerCli.Run("rmi", reference);

        Assert.Equal($"RegistryUnreachable,{Push}", Assert.Single(push.ErrorIds));
        Assert.Equal(ErrorCategory.ConnectionError, push.Errors[0].CategoryInfo.Category);
        Assert.Equal($"RegistryUnreachable,{Pull}", Assert.Single(pull.ErrorIds));
        Assert.Equal($"RegistryUnreachable,{Login}", Assert.Single(login.ErrorIds));
        Assert.All(push.Errors.Concat(pull.Errors).Concat(login.Errors), e => Assert.Contains($"registry {registry}:", e.Exception.Message));
        Assert.Empty(push.Output.Concat(pull.Output).Concat(login.Output));
        Assert.False(File.Exists(ConfigFile));
    }

    [SkippableFact]
    public void WrongPasswordIsItsOwnErrorAndLeavesNothingLocally()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var reference = Reference(TestRegistry.Http, "wrong");
        MakeImage(reference, "x");
        var bad = Vars("not-the-password");

        var push = _ps.Run($"Push-DockerImage {reference} -Credential $cred", bad);
        DockerCli.Run("rmi", reference);
        var pull = _ps.Run($"Request-DockerImage {reference} -Credential $cred", bad);
        var login = _ps.Run($"Connect-DockerRegistry {TestRegistry.Http} -Credential $cred", bad);

        Assert.Equal($"RegistryAuthenticationFailed,{Push}", Assert.Single(push.ErrorIds));
        Assert.Equal(ErrorCategory.AuthenticationError, push.Errors[0].CategoryInfo.Category);
        Assert.Equal($"RegistryAuthenticationFailed,{Pull}", Assert.Single(pull.ErrorIds));
        Assert.Equal(reference, pull.Errors[0].TargetObject);
        Assert.Equal($"RegistryAuthenticationFailed,{Login}", Assert.Single(login.ErrorIds));
        Assert.Empty(push.Output.Concat(pull.Output).Concat(login.Output));
        Assert.False(ExistsLocally(reference));
        Assert.False(File.Exists(ConfigFile));
        // The image was never pushed: with the right password the registry still has nothing under that name.
        var check = _ps.Run($"Request-DockerImage {reference} -Credential $cred", Vars(TestRegistry.Password));
        Assert.Equal($"ImageNotFound,{Pull}", Assert.Single(check.ErrorIds));
    }

    [SkippableFact]
    public void ThreePipedReferencesWithTheMiddleUnknownPullTwo()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var (one, two) = (Reference(TestRegistry.Http, "multi", "one"), Reference(TestRegistry.Http, "multi", "two"));
        MakeImage(one, "1");
        DockerCli.Run("tag", one, two);
        var vars = Vars(TestRegistry.Password);
        // Images from Get-DockerImage bind by their Reference.
        var push = _ps.Run($"Get-DockerImage {RepositoryOf(one)} | Push-DockerImage -Credential $cred", vars);
        Assert.Equal(new[] { one, two }, push.Property("Reference").Cast<string>().Order());
        DockerCli.Run("rmi", one, two);
        var unknown = Reference(TestRegistry.Http, "multi", "nope");

        var result = _ps.Run($"'{one}', '{unknown}', '{two}' | Request-DockerImage -Credential $cred", vars);

        Assert.Equal(new[] { one, two }, result.Property("Reference"));
        Assert.Equal($"ImageNotFound,{Pull}", Assert.Single(result.ErrorIds));
        Assert.Equal(unknown, result.Errors[0].TargetObject);
        Assert.True(ExistsLocally(one) && ExistsLocally(two));
    }

    [SkippableFact]
    public void AllTagsPullsEveryTagOfTheRepository()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var (one, two) = (Reference(TestRegistry.Http, "all", "one"), Reference(TestRegistry.Http, "all", "two"));
        var repository = RepositoryOf(one);
        MakeImage(one, "1");
        MakeImage(two, "2");
        var vars = Vars(TestRegistry.Password);

        var push = _ps.Run($"Push-DockerImage {repository} -AllTags -Credential $cred", vars);
        DockerCli.Run("rmi", one, two);
        var pull = _ps.Run($"Request-DockerImage {repository} -AllTags -Credential $cred", vars);

        Assert.Empty(push.Errors.Concat(pull.Errors));
        Assert.Equal(new[] { "one", "two" }, push.Property("Tag").Cast<string>().Order());
        Assert.Equal(new[] { one, two }, pull.Property("Reference").Cast<string>().Order());
        Assert.True(ExistsLocally(one) && ExistsLocally(two));
    }

    [SkippableFact]
    public void PullByDigest()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var reference = Reference(TestRegistry.Http, "digest");
        MakeImage(reference, "d");
        var vars = Vars(TestRegistry.Password);
        var digest = (string)_ps.Run($"Push-DockerImage {reference} -Credential $cred", vars).Output[0].Properties["Digest"].Value;
        DockerCli.Run("rmi", reference);
        var byDigest = $"{RepositoryOf(reference)}@{digest}";

        var result = _ps.Run($"Request-DockerImage {byDigest} -Credential $cred", vars);

        Assert.Empty(result.Errors);
        Assert.Equal(digest, Assert.Single(result.Output).Properties["Digest"].Value);
        Assert.True(ExistsLocally(byDigest));
        DockerCli.Run("rmi", byDigest);
    }

    [Fact]
    public void InvalidReferencesFailBeforeAnyEngineCall()
    {
        // An engine that does not exist: an engine call would fail with EngineUnreachable.
        var result = _ps.Run("Request-DockerImage 'Team/App', 'app@sha256:123', 'app:-x' -DockerHost unix:///nonexistent/docker.sock; " +
            "Push-DockerImage 'app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' -DockerHost unix:///nonexistent/docker.sock");

        Assert.Equal(new[] { $"InvalidReference,{Pull}", $"InvalidReference,{Pull}", $"InvalidReference,{Pull}", $"InvalidReference,{Push}" }, result.ErrorIds);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.Equal("Team/App", result.Errors[0].TargetObject);
    }

    [Fact]
    public void AllTagsWithATagOrDigestFailsBeforeAnyEngineCall()
    {
        var digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        var result = _ps.Run($"Request-DockerImage 'app:v1', 'app@{digest}' -AllTags -DockerHost unix:///nonexistent/docker.sock; " +
            "Push-DockerImage 'app:v1' -AllTags -DockerHost unix:///nonexistent/docker.sock");

        Assert.Equal(new[] { $"InvalidReference,{Pull}", $"InvalidReference,{Pull}", $"InvalidReference,{Push}" }, result.ErrorIds);
        Assert.Equal(new object[] { "app:v1", $"app@{digest}", "app:v1" }, result.Errors.Select(e => e.TargetObject));
        Assert.Contains("-AllTags takes a repository name", result.Errors[2].Exception.Message);
    }

    /// <summary>Three references with an unknown one among them: each known one pushed, results and the error in input order.</summary>
    [SkippableFact]
    public void SeveralReferencesPushWithResultsAndErrorsInInputOrder()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var references = new[] { "a", "b", "c" }.Select(n => Reference(TestRegistry.Open, $"many{n}")).ToList();
        references.ForEach(reference => MakeImage(reference, reference));
        var unknown = Reference(TestRegistry.Open, "manyabsent");
        references.Insert(1, unknown);

        var result = _ps.Run($"Push-DockerImage {string.Join(", ", references)}");

        Assert.Equal($"ImageNotFound,{Push}", Assert.Single(result.ErrorIds));
        Assert.Equal(unknown, result.Errors[0].TargetObject);
        references.Remove(unknown);
        Assert.Equal(references, result.Output.Select(o => o.Properties["Reference"].Value));
        Assert.All(result.Output, pushed => Assert.Equal(pushed.Properties["Digest"].Value, ManifestDigest((string)pushed.Properties["Reference"].Value)));
    }

    /// <summary>
    /// Pushes overlap: with a push to a "registry" that accepts connections and never answers first, the second push
    /// reaches the real registry while the first hangs. The engine gives up on the silent one after 25 s; one push at a
    /// time, the second would not even have started within the 10 s given here (-ThrottleLimit 1 fails this test).
    /// </summary>
    [SkippableFact]
    public void APushDoesNotWaitForTheOneBeforeIt()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var silent = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            var hanging = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/dps-test/hang-{fixture.RunId}:v1";
            var reference = Reference(TestRegistry.Open, "overlap");
            MakeImage(hanging, "hang");
            MakeImage(reference, "overlap");
            var reached = false;

            _ps.Run($"Push-DockerImage {hanging}, {reference}", whileRunning: ps =>
            {
                reached = SpinWait.SpinUntil(() => ManifestDigest(reference) is not null, TimeSpan.FromSeconds(10));
                ps.Stop();
            });

            Assert.True(reached, $"{reference} was not pushed while the push to the silent registry hung");
        }
        finally
        {
            silent.Stop();
        }
    }

    /// <summary>The digest the open test registry serves for <paramref name="reference"/>, null when it has none.</summary>
    private static string? ManifestDigest(string reference)
    {
        var (repository, tag) = (RepositoryOf(reference)[(TestRegistry.Open.Length + 1)..], reference[(reference.LastIndexOf(':') + 1)..]);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, $"http://{TestRegistry.Open}/v2/{repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd("application/vnd.docker.distribution.manifest.v2+json");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using var response = http.Send(request);
        return response.IsSuccessStatusCode ? response.Headers.GetValues("Docker-Content-Digest").Single() : null;
    }

    [Fact]
    public void PushingWhatIsNotLocalIsImageNotFound()
    {
        var reference = Reference(TestRegistry.Http, "absent");

        var result = _ps.Run($"Push-DockerImage {reference}");

        Assert.Equal($"ImageNotFound,{Push}", Assert.Single(result.ErrorIds));
        Assert.Equal(reference, result.Errors[0].TargetObject);
    }

    [SkippableFact]
    public void WhatIfChangesNothing()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(null);
        var reference = Reference(TestRegistry.Http, "whatif");
        MakeImage(reference, "w");
        var vars = Vars(TestRegistry.Password);

        var result = _ps.Run($"Push-DockerImage {reference} -Credential $cred -WhatIf; Connect-DockerRegistry {TestRegistry.Http} -Credential $cred -WhatIf", vars);
        DockerCli.Run("rmi", reference);
        var pull = _ps.Run($"Request-DockerImage {reference} -Credential $cred -WhatIf; Request-DockerImage {reference} -Credential $cred", vars);

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.False(File.Exists(ConfigFile));
        // Never pushed, so the real pull after the -WhatIf one finds nothing.
        Assert.Equal($"ImageNotFound,{Pull}", Assert.Single(pull.ErrorIds));
        Assert.False(ExistsLocally(reference));
    }

    [SkippableFact]
    public void LoginAndLogoutWriteWhatTheDockerCliWould()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        // Other keys (a current context, proxies) must survive the rewrite.
        UseConfig(new JsonObject { ["currentContext"] = "default", ["proxies"] = new JsonObject { ["default"] = new JsonObject { ["noProxy"] = "127.0.0.1" } } });
        var reference = Reference(TestRegistry.Http, "login");
        MakeImage(reference, "l");
        Assert.Empty(_ps.Run($"Push-DockerImage {reference} -Credential $cred", Vars(TestRegistry.Password)).Errors);
        DockerCli.Run("rmi", reference);

        var login = _ps.Run($"Connect-DockerRegistry http://{TestRegistry.Http}/ -Credential $cred", Vars(TestRegistry.Password));

        Assert.Empty(login.Errors);
        var result = Assert.Single(login.Output);
        Assert.Equal(TestRegistry.Http, result.Properties["Registry"].Value);
        Assert.Equal(TestRegistry.User, result.Properties["Username"].Value);
        Assert.Equal(ConfigFile, result.Properties["Store"].Value);
        var config = ReadConfig();
        Assert.Equal(BasicAuth, (string?)config["auths"]![TestRegistry.Http]!["auth"]);
        Assert.Equal("default", (string?)config["currentContext"]);
        Assert.Equal("127.0.0.1", (string?)config["proxies"]!["default"]!["noProxy"]);
        // The docker CLI pulls with what was stored.
        DockerCli.Run("--config", _config, "pull", reference);
        Assert.True(ExistsLocally(reference));

        var logout = _ps.Run($"Disconnect-DockerRegistry {TestRegistry.Http}; Disconnect-DockerRegistry {TestRegistry.Http}");

        Assert.Equal($"RegistryLoginNotFound,{Logout}", Assert.Single(logout.ErrorIds));
        config = ReadConfig();
        Assert.False(((JsonObject)config["auths"]!).ContainsKey(TestRegistry.Http));
        Assert.Equal("default", (string?)config["currentContext"]);
    }

    [SkippableFact]
    public void LoginAndLogoutUseTheConfiguredHelper()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(new JsonObject { ["credsStore"] = Helper });
        var reference = Reference(TestRegistry.Tls, "helperlogin");
        MakeImage(reference, "h");
        Assert.Empty(_ps.Run($"Push-DockerImage {reference} -Credential $cred", Vars(TestRegistry.Password)).Errors);
        DockerCli.Run("rmi", reference);

        var login = _ps.Run($"Connect-DockerRegistry {TestRegistry.Tls} -Credential $cred", Vars(TestRegistry.Password));

        Assert.Empty(login.Errors);
        Assert.Equal("docker-credential-dpstest", login.Output[0].Properties["Store"].Value);
        var stored = JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(_helperStore))))!;
        Assert.Equal(TestRegistry.Tls, (string?)stored["ServerURL"]);
        Assert.Equal(TestRegistry.User, (string?)stored["Username"]);
        Assert.Equal(TestRegistry.Password, (string?)stored["Secret"]);
        // As the docker CLI: the auths entry names the registry and holds no secret.
        Assert.Empty((JsonObject)ReadConfig()["auths"]![TestRegistry.Tls]!);
        DockerCli.Run("--config", _config, "pull", reference);
        Assert.True(ExistsLocally(reference));

        var logout = _ps.Run($"Disconnect-DockerRegistry {TestRegistry.Tls}");

        Assert.Empty(logout.Errors);
        Assert.Empty(Directory.GetFiles(_helperStore));
        Assert.False(((JsonObject)ReadConfig()["auths"]!).ContainsKey(TestRegistry.Tls));
    }

    [Fact]
    public void RegistriesWithStoredCredentialsComplete()
    {
        UseConfig(new JsonObject { ["auths"] = new JsonObject { [TestRegistry.Http] = new JsonObject(), ["registry.example.com"] = new JsonObject() } });

        Assert.Equal(new[] { TestRegistry.Http }, Completion.Complete(_ps, "Disconnect-DockerRegistry 127.0.0"));
        Assert.Equal(new[] { "registry.example.com" }, Completion.Complete(_ps, "Connect-DockerRegistry -Registry reg"));
    }

    [Fact]
    public void AMissingHelperIsCredentialHelperFailed()
    {
        UseConfig(new JsonObject { ["credsStore"] = "dpsmissing" });
        var reference = Reference(TestRegistry.Http, "nohelper");

        var result = _ps.Run($"Request-DockerImage {reference}");

        Assert.Equal($"CredentialHelperFailed,{Pull}", Assert.Single(result.ErrorIds));
        Assert.Contains("docker-credential-dpsmissing", result.Errors[0].Exception.Message);
    }

    [SkippableFact]
    public void SecretsAppearInNoStream()
    {
        TestEngine.SkipOnPodman("the test registries listen on the host's loopback, outside the network namespace the Podman service runs in");
        UseConfig(new JsonObject { ["credHelpers"] = new JsonObject { [TestRegistry.Tls] = Helper } });
        var (http, tls) = (Reference(TestRegistry.Http, "secret"), Reference(TestRegistry.Tls, "secret"));
        MakeImage(http, "s");
        DockerCli.Run("tag", http, tls);
        var bad = Credential("wrong-" + TestRegistry.Password);
        var vars = new Hashtable { ["cred"] = Credential(TestRegistry.Password), ["bad"] = bad };

        var result = _ps.Run(
            $"$all = & {{ " +
            $"Connect-DockerRegistry {TestRegistry.Http} -Credential $cred -Verbose -Debug; " +
            $"Connect-DockerRegistry {TestRegistry.Tls} -Credential $cred -Verbose -Debug; " +
            $"Push-DockerImage {http} -Verbose -Debug; Push-DockerImage {tls} -Verbose -Debug; " +
            $"Request-DockerImage {http}, {tls} -Verbose -Debug; Request-DockerImage {http} -Credential $bad -Verbose -Debug; " +
            $"Connect-DockerRegistry {TestRegistry.Http} -Credential $bad -Verbose -Debug }} *>&1; $all | Out-Host; $all", vars);

        var everything = string.Join("\n", result.Output.Select(Text)
            .Concat(result.Errors.Select(e => e + " " + e.Exception))
            .Concat(result.Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation))
            .Append(result.HostText));
        // The script ran what it should: both logins, pushes and pulls, and the two refusals, with verbose and debug on.
        Assert.Equal(2, result.Output.Count(o => o.BaseObject.GetType().Name == "RegistryLogin"));
        Assert.Equal(2, result.Output.Count(o => o.BaseObject.GetType().Name == "PushResult"));
        Assert.Equal(2, result.Output.Count(o => o.BaseObject.GetType().Name == "Image"));
        Assert.Equal(2, result.Output.Count(o => o.BaseObject is ErrorRecord e && e.FullyQualifiedErrorId.StartsWith("RegistryAuthenticationFailed,", StringComparison.Ordinal)));
        Assert.Contains(result.Output, o => o.BaseObject is VerboseRecord);
        // -Debug shows the pushes' and pulls' engine calls, which carry the credentials, naming but not showing them.
        Assert.Contains(result.Output, o => o.BaseObject is DebugRecord d && d.Message.Contains("/push?tag=v1 -> 200 OK") && d.Message.EndsWith(", X-Registry-Auth (redacted)"));
        Assert.Contains(result.Output, o => o.BaseObject is DebugRecord d && d.Message.Contains("/images/create?fromImage=") && d.Message.EndsWith(", X-Registry-Auth (redacted)"));
        Assert.Contains("Login Succeeded", result.HostText);
        foreach (var password in new[] { TestRegistry.Password, bad.GetNetworkCredential().Password })
        {
            var forms = new[]
            {
                password,
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestRegistry.User}:{password}")),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"\"password\":\"{password}\"")).TrimEnd('='),
            };
            Assert.All(forms, form => Assert.DoesNotContain(form, everything));
        }
    }

    /// <summary>Everything an output item shows: a record's message and details, an object's text and every property.</summary>
    private static string Text(PSObject item) => item.BaseObject switch
    {
        ErrorRecord e => $"{e} {e.Exception} {e.TargetObject} {e.ErrorDetails} {e.CategoryInfo}",
        InformationalRecord r => r.Message,
        InformationRecord i => $"{i.MessageData}",
        _ => item + " " + string.Join(" ", item.Properties.Select(p => $"{p.Name}={SafeValue(p)}")),
    };

    private static object? SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }
}
