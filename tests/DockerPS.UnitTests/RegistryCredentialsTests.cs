using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerPS.Connection;
using DockerPS.Registry;
using Xunit;

namespace DockerPS.UnitTests;

public sealed class RegistryCredentialsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dockerps-unit-reg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DockerCliConfig Config => new(_dir);

    private string ConfigFile => Path.Combine(_dir, "config.json");

    private void Write(string json) => File.WriteAllText(ConfigFile, json);

    private JsonObject Read() => (JsonObject)JsonNode.Parse(File.ReadAllText(ConfigFile))!;

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("docker.io", RegistryCredentials.DockerHubKey)]
    [InlineData("index.docker.io", RegistryCredentials.DockerHubKey)]
    [InlineData("registry-1.docker.io", RegistryCredentials.DockerHubKey)]
    [InlineData("https://index.docker.io/v1/", RegistryCredentials.DockerHubKey)]
    [InlineData("Docker.IO", RegistryCredentials.DockerHubKey)]
    [InlineData("127.0.0.1:5100", "127.0.0.1:5100")]
    [InlineData("http://127.0.0.1:5100/", "127.0.0.1:5100")]
    [InlineData("https://registry.example.com/v2/", "registry.example.com")]
    [InlineData(" localhost:5000 ", "localhost:5000")]
    public void KeysAreTheDockerCliOnes(string registry, string key) => Assert.Equal(key, RegistryCredentials.KeyFor(registry));

    [Fact]
    public async Task AuthsGiveBase64UserAndPasswordOrAnIdentityToken()
    {
        Write(new JsonObject { ["auths"] = new JsonObject { ["reg:5000"] = new JsonObject { ["auth"] = Base64("me:pa:ss") }, ["https://tok.example.com"] = new JsonObject { ["identitytoken"] = "tkn" } } }.ToJsonString());

        var basic = await RegistryCredentials.ResolveAsync(Config, "reg:5000", CancellationToken.None);
        var token = await RegistryCredentials.ResolveAsync(Config, "tok.example.com", CancellationToken.None);
        var none = await RegistryCredentials.ResolveAsync(Config, "other:5000", CancellationToken.None);

        Assert.Equal(("me", "pa:ss", "reg:5000"), (basic.Username, basic.Password, basic.ServerAddress));
        Assert.Equal("tkn", token.IdentityToken);
        Assert.True(none.IsAnonymous);
        Assert.Equal("e30=", none.ToHeader());
        Assert.Equal(Path.Combine(_dir, "config.json"), RegistryCredentials.StoreFor(Config, "reg:5000"));
    }

    [Fact]
    public async Task NoConfigFileMeansNoCredentialsFromNowhere()
    {
        Assert.True((await RegistryCredentials.ResolveAsync(Config, RegistryCredentials.DockerHubKey, CancellationToken.None)).IsAnonymous);
        Assert.Null(RegistryCredentials.StoreFor(Config, RegistryCredentials.DockerHubKey));
        Write(new JsonObject { ["auths"] = new JsonObject { ["other:5000"] = new JsonObject { ["auth"] = Base64("me:pw") } } }.ToJsonString());
        Assert.Null(RegistryCredentials.StoreFor(Config, "reg:5000"));
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("[1]")]
    public async Task AConfigThatCannotBeReadGivesNoCredentialsAndIsNotOverwritten(string text)
    {
        // The docker CLI warns and goes on with an empty configuration; writing would lose the file, so that is refused.
        Write(text);

        var credential = await RegistryCredentials.ResolveAsync(Config, "reg:5000", CancellationToken.None);
        var store = () => RegistryCredentials.StoreAsync(Config, new RegistryCredential("reg:5000", "me", "pw"), CancellationToken.None);

        Assert.True(credential.IsAnonymous);
        Assert.Empty(RegistryCredentials.StoredRegistries(Config));
        Assert.StartsWith($"Cannot read docker configuration {ConfigFile}: ", (await Assert.ThrowsAsync<CredentialStoreException>(store)).Message);
        Assert.Equal(text, File.ReadAllText(ConfigFile).TrimEnd());
    }

    [Fact]
    public async Task ABrokenAuthValueIsACredentialStoreError()
    {
        Write("""{"auths": {"reg:5000": {"auth": "not base64!"}}}""");

        var e = await Assert.ThrowsAsync<CredentialStoreException>(() => RegistryCredentials.ResolveAsync(Config, "reg:5000", CancellationToken.None));
        Assert.DoesNotContain("not base64!", e.Message);
    }

    [Fact]
    public void HelpersArePerRegistryFirstThenTheStore()
    {
        Write("""{"credsStore": "desktop", "credHelpers": {"reg:5000": "pass"}}""");

        Assert.Equal("docker-credential-pass", RegistryCredentials.StoreFor(Config, "reg:5000"));
        Assert.Equal("docker-credential-desktop", RegistryCredentials.StoreFor(Config, "other:5000"));
    }

    [Fact]
    public async Task AMissingHelperIsACredentialStoreError()
    {
        Write("""{"credsStore": "dockerps-no-such-helper"}""");

        var e = await Assert.ThrowsAsync<CredentialStoreException>(() => RegistryCredentials.ResolveAsync(Config, "reg:5000", CancellationToken.None));
        Assert.Contains("docker-credential-dockerps-no-such-helper", e.Message);
    }

    [Fact]
    public async Task StoringAndErasingKeepEveryOtherSetting()
    {
        Write("""{"currentContext": "prod", "auths": {"keep:1": {"auth": "a2VlcDpt"}}, "proxies": {"default": {"httpProxy": "http://p:3128"}}}""");

        var store = await RegistryCredentials.StoreAsync(Config, new RegistryCredential("reg:5000", "me", "secret"), CancellationToken.None);

        Assert.Equal(ConfigFile, store);
        var config = Read();
        Assert.Equal(Base64("me:secret"), (string?)config["auths"]!["reg:5000"]!["auth"]);
        Assert.Equal("prod", (string?)config["currentContext"]);
        Assert.Equal("a2VlcDpt", (string?)config["auths"]!["keep:1"]!["auth"]);
        Assert.Equal("http://p:3128", (string?)config["proxies"]!["default"]!["httpProxy"]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigFile));
        }

        Assert.True(await RegistryCredentials.EraseAsync(Config, "reg:5000", CancellationToken.None));
        Assert.False(await RegistryCredentials.EraseAsync(Config, "reg:5000", CancellationToken.None));

        config = Read();
        Assert.False(((JsonObject)config["auths"]!).ContainsKey("reg:5000"));
        Assert.Equal("prod", (string?)config["currentContext"]);
        Assert.True(((JsonObject)config["auths"]!).ContainsKey("keep:1"));
    }

    [Fact]
    public async Task AnIdentityTokenIsStoredInsteadOfAPassword()
    {
        await RegistryCredentials.StoreAsync(Config, new RegistryCredential("reg:5000", "me", null, "tkn"), CancellationToken.None);

        var entry = (JsonObject)Read()["auths"]!["reg:5000"]!;
        Assert.Equal("tkn", (string?)entry["identitytoken"]);
        Assert.False(entry.ContainsKey("auth"));
    }

    [Fact]
    public async Task ErasingFindsAnEntryKeyedWithASchemeLikeTheCli()
    {
        Write(new JsonObject { ["auths"] = new JsonObject { ["https://reg:5000"] = new JsonObject { ["auth"] = Base64("me:pw") } } }.ToJsonString());

        Assert.Equal("me", (await RegistryCredentials.ResolveAsync(Config, "reg:5000", CancellationToken.None)).Username);
        Assert.True(await RegistryCredentials.EraseAsync(Config, "reg:5000", CancellationToken.None));
        Assert.Empty((JsonObject)Read()["auths"]!);
    }

    [Fact]
    public void TheHeaderIsBase64UrlJsonAndTextNeverShowsTheSecret()
    {
        // A password whose JSON encodes to base64 with + and / in the standard alphabet.
        var credential = new RegistryCredential("reg:5000", "me", "??>>??~~");

        var header = credential.ToHeader();

        Assert.DoesNotContain('+', header);
        Assert.DoesNotContain('/', header);
        using var json = JsonDocument.Parse(Convert.FromBase64String(header.Replace('-', '+').Replace('_', '/')));
        Assert.Equal("me", json.RootElement.GetProperty("username").GetString());
        Assert.Equal("??>>??~~", json.RootElement.GetProperty("password").GetString());
        Assert.Equal("reg:5000", json.RootElement.GetProperty("serveraddress").GetString());
        Assert.Equal("me@reg:5000", credential.ToString());

        using var token = JsonDocument.Parse(Convert.FromBase64String(new RegistryCredential("reg:5000", null, null, "tkn").ToHeader()));
        Assert.Equal("tkn", token.RootElement.GetProperty("identitytoken").GetString());
        Assert.False(token.RootElement.TryGetProperty("password", out _));
    }

    [Fact]
    public void StoredRegistriesAreTheAuthsAndHelperKeys()
    {
        Write("""{"auths": {"https://reg:5000": {}, "docker.io": {}}, "credHelpers": {"gcr.io": "gcloud", "reg:5000": "pass"}, "credsStore": "desktop"}""");

        Assert.Equal(new[] { "gcr.io", RegistryCredentials.DockerHubKey, "reg:5000" }, RegistryCredentials.StoredRegistries(Config));
    }
}
