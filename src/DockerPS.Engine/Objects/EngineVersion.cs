using System.Reflection;
using Docker.DotNet.Models;
using DockerPS.Connection;

namespace DockerPS;

/// <summary><c>docker version</c>: the engine's versions and the API version DockerPS speaks to it.</summary>
public sealed class EngineVersion
{
    private readonly VersionResponse _raw;

    internal EngineVersion(VersionResponse raw, DockerEngine engine)
    {
        _raw = raw;
        Engine = engine;
    }

    /// <summary>The engine's release, e.g. <c>20.10.24</c>.</summary>
    public string Version => _raw.Version;

    /// <summary>The newest API version the engine speaks.</summary>
    public string ApiVersion => _raw.APIVersion;

    /// <summary>The oldest API version the engine accepts.</summary>
    public string? MinApiVersion => _raw.MinAPIVersion;

    /// <summary>The API version DockerPS uses with this engine.</summary>
    public string? NegotiatedApiVersion => Engine.ApiVersion;

    /// <summary>The DockerPS release.</summary>
    public string ClientVersion { get; } =
        typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The newest API version DockerPS speaks.</summary>
    public string ClientMaxApiVersion => ApiVersions.ClientMaximum.ToString();

    public string Os => _raw.Os;

    public string Arch => _raw.Arch;

    public string? KernelVersion => _raw.KernelVersion;

    public string? GoVersion => _raw.GoVersion;

    public string? GitCommit => _raw.GitCommit;

    public DockerEngine Engine { get; }

    /// <summary>The engine's answer, unchanged. PowerShell shows it as the hidden property Raw.</summary>
    public VersionResponse GetRaw() => _raw;

    public override string ToString() => Version;
}
