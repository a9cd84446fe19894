using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Docker.DotNet;
using DockerPS.Archive;
using DockerPS.Build;
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

/// <summary>
/// <c>DOCKER_BUILDKIT=0 docker build</c>: the engine's classic builder, fed a context streamed as it is archived, a
/// prepared archive sent as it is, or pointed at a remote context (a git repository or a URL) that it fetches itself.
/// </summary>
public static class BuildOperations
{
    private const string RegistryConfigHeader = "X-Registry-Config";

    /// <summary>The id of the engine's progress messages while it downloads a remote context.</summary>
    private const string DownloadingContext = "Downloading context";

    /// <summary>
    /// Builds <paramref name="context"/> (null when <paramref name="spec"/> names a remote context) as
    /// <paramref name="spec"/> says, sending <paramref name="credentials"/> for the registries base images come from;
    /// returns the built image's id (the engine's aux message). A failure inside the build is a
    /// <see cref="BuildException"/>; the engine tags only a build that succeeded. Refusals before the build are named
    /// for what they mean: a Dockerfile the context lacks (DockerfileNotFound), a remote context the engine could not
    /// fetch (BuildContextUnavailable), a prepared archive it could not unpack (InvalidBuildContext).
    /// </summary>
    public static async Task<string> BuildAsync(DockerEngine engine, BuildContextBody? context, BuildSpec spec, IReadOnlyList<RegistryCredential> credentials,
        BuildProgress progress, CancellationToken cancellationToken)
    {
        using var content = context?.CreateContent(progress.Upload);
        using var request = new HttpRequestMessage(HttpMethod.Post, spec.PathAndQuery()) { Content = content };
        request.Headers.TryAddWithoutValidation(RegistryConfigHeader, RegistryCredential.ToConfigHeader(credentials));
        HttpResponseMessage response;
        try
        {
            response = await engine.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException) when (content is IUploadContent { Failure: { } local })
        {
            ExceptionDispatchInfo.Throw(local);
            throw;
        }
        catch (DockerEngineException e) when (e.StatusCode is not null && Refusal(e, spec, context) is { } meaning)
        {
            throw meaning;
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
                    // A remote context that is not an archive fails while the engine unpacks it, before any step.
                    var shown = Redacted(error, spec);
                    if (output.Step is null && spec.Remote is { } remote && IsUnpackFailure(error))
                    {
                        throw new BuildException($"The engine could not unpack the build context {BuildContextLocation.Redact(remote)} as a tar archive: {shown}", null, output.Tail,
                            message.ErrorCode, ErrorCatalog.InvalidBuildContext);
                    }
                    throw new BuildException(output.Step is { } step ? $"{step}: {shown}" : shown, output.Step, output.Tail, message.ErrorCode);
                }
                if (message.Id == DownloadingContext)
                {
                    progress.Upload.Set(message.Current ?? 0);
                    continue;
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

    /// <summary>
    /// What the engine's refusal of a build request means, when it is about the context: the Dockerfile is not in it,
    /// a remote context could not be fetched, or an uploaded archive could not be unpacked. Null for anything else.
    /// </summary>
    internal static DockerEngineException? Refusal(DockerEngineException e, BuildSpec spec, BuildContextBody? context)
    {
        var message = Redacted(e.Message, spec);
        if (e.Message.StartsWith("Cannot locate specified Dockerfile", StringComparison.Ordinal))
        {
            return new DockerEngineException(ErrorCatalog.DockerfileNotFound, message, e, e.StatusCode);
        }
        if (spec.Remote is not null && IsUnpackFailure(e.Message))
        {
            return new DockerEngineException(ErrorCatalog.InvalidBuildContext,
                $"The engine could not unpack the build context {BuildContextLocation.Redact(spec.Remote)} as a tar archive: {message}", e, e.StatusCode);
        }
        if (spec.Remote is not null)
        {
            // The engine's words for a download that failed ("error downloading remote context …", a 404 among them)
            // and for a clone that failed ("error fetching: …", "failed to init repo …").
            return new DockerEngineException(ErrorCatalog.BuildContextUnavailable,
                $"The engine could not fetch the build context {BuildContextLocation.Redact(spec.Remote)}: {message}", e, e.StatusCode);
        }
        // Podman answers an archive it cannot unpack with a bare 500.
        var bare = e.StatusCode == HttpStatusCode.InternalServerError && e.InnerException is DockerApiException { ResponseBody: var body } && string.IsNullOrWhiteSpace(body);
        return context is PreparedArchive archive && (IsUnpackFailure(e.Message) || bare)
            ? new DockerEngineException(ErrorCatalog.InvalidBuildContext,
                $"The engine could not unpack {(archive.File is { } file ? $"the build context '{file}'" : archive.Description)}: {message}", e, e.StatusCode)
            : null;
    }

    /// <summary>How Go's archive and decompression readers report a context that is not a (whole) tar archive.</summary>
    private static bool IsUnpackFailure(string message) =>
        message == "unexpected EOF" || UnpackFailures.Any(prefix => message.StartsWith(prefix, StringComparison.Ordinal))
        || message.Contains("invalid tar header", StringComparison.Ordinal);

    private static readonly string[] UnpackFailures = ["archive/tar:", "gzip: ", "flate: ", "bzip2 data invalid", "xz: ", "zstd: "];

    /// <summary>An engine message with a remote context's user information left out.</summary>
    private static string Redacted(string message, BuildSpec spec) =>
        spec.Remote is { } remote && BuildContextLocation.Redact(remote) is var redacted && redacted != remote ? message.Replace(remote, redacted, StringComparison.Ordinal) : message;
}
