using DockerPS.Errors;

namespace DockerPS.Connection;

/// <summary>API-version negotiation: Docker.DotNet pins whatever it is given, so we choose.</summary>
public static class ApiVersions
{
    /// <summary>The newest Engine API the bundled Docker.DotNet.Enhanced (4.3.3) models.</summary>
    public static readonly Version ClientMaximum = new(1, 54);

    /// <summary>min(daemon, client maximum), refused when the daemon's minimum is above what we can speak.</summary>
    public static Version Negotiate(Version serverVersion, Version? serverMinimum, string endpointDescription)
    {
        var chosen = serverVersion < ClientMaximum ? serverVersion : ClientMaximum;
        if (serverMinimum is not null && chosen < serverMinimum)
        {
            throw new DockerEngineException(ErrorCatalog.ApiVersionNotSupported,
                $"The Docker engine at {endpointDescription} requires API {serverMinimum} or newer; DockerPS speaks up to {ClientMaximum}.");
        }
        return chosen;
    }

    /// <summary>A version DOCKER_API_VERSION pins, refused when the engine does not accept it (it would refuse every call).</summary>
    public static Version Accepted(Version pinned, Version serverVersion, Version? serverMinimum, string endpointDescription) =>
        pinned <= serverVersion && (serverMinimum is null || pinned >= serverMinimum)
            ? pinned
            : throw new DockerEngineException(ErrorCatalog.ApiVersionNotSupported,
                $"{EndpointResolver.ApiVersionVariable}={pinned} is not an API version the Docker engine at {endpointDescription} accepts: it takes "
                + (serverMinimum is null ? $"up to {serverVersion}." : $"{serverMinimum} to {serverVersion}."));

    public static Version? Parse(string? text) => Version.TryParse(text, out var v) ? v : null;
}
