namespace DockerPS;

/// <summary>A registry login that was verified and stored: where, as whom, and where the secret went (never the secret).</summary>
public sealed class RegistryLogin
{
    internal RegistryLogin(string registry, string? username, string store, string status, DockerEngine engine)
    {
        Registry = registry;
        Username = username;
        Store = store;
        Status = status;
        Engine = engine;
    }

    /// <summary>The registry key, as in config.json (<c>https://index.docker.io/v1/</c> for Docker Hub).</summary>
    public string Registry { get; }

    public string? Username { get; }

    /// <summary>Where the credentials are kept: a credential helper program or the config.json path.</summary>
    public string Store { get; }

    /// <summary>The engine's answer, e.g. <c>Login Succeeded</c>.</summary>
    public string Status { get; }

    public DockerEngine Engine { get; }

    public override string ToString() => $"{Username}@{Registry}";
}
