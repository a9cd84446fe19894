using System.Net;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// What an endpoint's error answers mean. The Engine API documents them per endpoint (a 409 from volume remove is a
/// volume in use, from network create an existing network), so the operation that makes the call names them, by the
/// generic code of the answer (<see cref="ErrorCatalog.Conflict"/> for a 409, or Podman's 500 that means the same).
/// </summary>
internal static class EngineAnswers
{
    public static async Task<T> Meaning<T>(this Task<T> call, ErrorCode answer, ErrorCode code)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Code == answer)
        {
            throw e.As(code);
        }
    }

    public static async Task Meaning(this Task call, ErrorCode answer, ErrorCode code)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Code == answer)
        {
            throw e.As(code);
        }
    }

    /// <summary>A call only a swarm manager answers: the engine's 503 (not in a swarm, or a worker) is NotSwarmManager.</summary>
    public static async Task<T> OnManager<T>(this Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw e.As(ErrorCatalog.NotSwarmManager);
        }
    }

    public static async Task OnManager(this Task call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            throw e.As(ErrorCatalog.NotSwarmManager);
        }
    }
}
