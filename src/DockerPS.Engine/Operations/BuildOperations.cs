using System.Runtime.ExceptionServices;
using System.Text.Json;
using DockerPS.Archive;
using DockerPS.Errors;
using DockerPS.Registry;

namespace DockerPS.Operations;

/// <summary>What a running build reports, gathered on the worker thread for the pipeline thread to write.</summary>
public sealed class BuildProgress
{
    /// <summary>Bytes of the context sent.</summary>
    public TransferProgress Upload { get; } = new();

    /// <summary>Layers of base images the build pulls.</summary>
    public LayerProgress Pulls { get; } = new();

    /// <summary>The steps and what they write.</summary>
    public BuildOutput Output { get; } = new();

    private volatile bool _answered;

    /// <summary>Whether the engine has begun answering: it starts only once it has the whole context.</summary>
    public bool Answered
    {
        get => _answered;
        internal set => _answered = value;
    }
}

/// <summary><c>DOCKER_BUILDKIT=0 docker build</c>: the engine's classic builder, fed a context streamed as it is archived.</summary>
public static class BuildOperations
{
    private const string RegistryConfigHeader = "X-Registry-Config";

    /// <summary>
    /// Builds <paramref name="context"/> as <paramref name="spec"/> says, sending <paramref name="credentials"/> for the
    /// registries base images come from; returns the built image's id (the engine's aux message). A failure inside the
    /// build is a <see cref="BuildException"/>; the engine tags only a build that succeeded.
    /// </summary>
    public static async Task<string> BuildAsync(DockerEngine engine, ArchiveSource context, BuildSpec spec, IReadOnlyList<RegistryCredential> credentials,
        BuildProgress progress, CancellationToken cancellationToken)
    {
        using var content = new ArchiveContent(context, progress.Upload);
        using var request = new HttpRequestMessage(HttpMethod.Post, spec.PathAndQuery()) { Content = content };
        request.Headers.TryAddWithoutValidation(RegistryConfigHeader, RegistryCredential.ToConfigHeader(credentials));
        HttpResponseMessage response;
        try
        {
            response = await engine.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException) when (content.Failure is { } local)
        {
            ExceptionDispatchInfo.Throw(local);
            throw;
        }
        using (response)
        {
            string? id = null;
            var output = progress.Output;
            await foreach (var message in JsonMessages.ReadAsync(engine, response, cancellationToken).ConfigureAwait(false))
            {
                progress.Answered = true;
                if (message.Stream is { } text)
                {
                    output.Add(text);
                }
                if (message.Error is { } error)
                {
                    output.Complete();
                    throw new BuildException(output.Step is { } step ? $"{step}: {error}" : error, output.Step, output.Tail, message.ErrorCode);
                }
                progress.Pulls.Add(message);
                if (message.Aux is { ValueKind: JsonValueKind.Object } aux && aux.TryGetProperty("ID", out var built) && built.ValueKind == JsonValueKind.String)
                {
                    id = built.GetString();
                }
            }
            output.Complete();
            return id ?? throw new DockerEngineException(ErrorCatalog.EngineError, "The engine ended the build without saying the built image's id.");
        }
    }
}
