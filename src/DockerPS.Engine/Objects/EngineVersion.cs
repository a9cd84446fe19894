using System.Reflection;
using Docker.DotNet.Models;
using DockerPS.Connection;

namespace DockerPS;

/// <summary><c>docker version</c>: the engine's versions and the API version DockerPS speaks to it.</summary>
public sealed class EngineVersion
{
    internal EngineVersion(VersionResponse raw, DockerEngine engine)
    {
        Raw = raw;
        Engine = engine;
    }

    /// <summary>The engine's release, e.g. <c>20.10.24</c>.</summary>
    public string Version => Raw.Version;

    /// <summary>The newest API version the engine speaks.</summary>
    public string ApiVersion => Raw.APIVersion;

    /// <summary>The oldest API version the engine accepts.</summary>
    public string? MinApiVersion => Raw.MinAPIVersion;

    /// <summary>The API version DockerPS uses with this engine.</summary>
    public string? NegotiatedApiVersion => Engine.ApiVersion;

    /// <summary>The DockerPS release.</summary>
    public string ClientVersion { get; } =
        typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The newest API version DockerPS speaks.</summary>
    public string ClientMaxApiVersion => ApiVersions.ClientMaximum.ToString();

    public string Os => Raw.Os;

    public string Arch => Raw.Arch;

    public string? KernelVersion => Raw.KernelVersion;

    public string? GoVersion => Raw.GoVersion;

    public string? GitCommit => Raw.GitCommit;

    public DockerEngine Engine { get; }

    public VersionResponse Raw { get; }

    public override string ToString() => Version;
}
