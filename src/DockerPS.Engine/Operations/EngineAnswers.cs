using System.Net;
using DockerPS.Errors;

namespace DockerPS.Operations;

/// <summary>
/// What an endpoint's error statuses mean. The Engine API documents them per endpoint (a 409 from volume remove is a
/// volume in use, from network create an existing network), so the operation that makes the call names them.
/// </summary>
internal static class EngineAnswers
{
    public static async Task<T> Meaning<T>(this Task<T> call, HttpStatusCode status, ErrorCode code)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == status)
        {
            throw e.As(code);
        }
    }

    public static async Task Meaning(this Task call, HttpStatusCode status, ErrorCode code)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.StatusCode == status)
        {
            throw e.As(code);
        }
    }
}
