using System.Collections;
using System.Security.Cryptography;
using System.Text;
using DockerPS.Build;
using DockerPS.Completion;
using DockerPS.Connection;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// <c>DOCKER_BUILDKIT=0 docker build</c>: builds an image with the engine's classic builder from a context directory,
/// streamed as a tar while it is archived, and a Dockerfile in it, outside it, or given as text; or from a prepared
/// archive (a tar file, piped bytes or a stream, standard input), sent as it is; or from a git repository or URL the
/// engine fetches itself. Steps and their output are written as they happen (information stream), upload and
/// base-image pulls as progress; the result is the built image, found by the id the engine reports.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerBuild", DefaultParameterSetName = FileSet, SupportsShouldProcess = true)]
[OutputType(typeof(ImageDetail))]
public sealed class InvokeDockerBuildCommand : ImageTransferCmdlet, IDisposable
{
    private const string FileSet = "File";
    private const string ContentSet = "Content";
    private const string ArchiveSet = "Archive";

    /// <summary>How piped archives and standard input are named in messages and progress.</summary>
    private const string PipedArchive = "the piped archive";
    private const string StandardInput = "standard input";

    /// <summary>The information-stream tag of build output; step lines also carry <see cref="StepTag"/>.</summary>
    public const string OutputTag = "DockerBuild";
    public const string StepTag = "DockerBuildStep";

    /// <summary>Write-Host's tag: the host shows these records unless information is ignored.</summary>
    private const string HostTag = "PSHOST";

    private const string DefaultDockerfile = "Dockerfile";

    private IReadOnlyList<ImageReference> _tags = [];

    // -ContextArchive input, gathered as it is piped (bytes joined, in order) and built once it is all in.
    private readonly List<object> _pieces = [];
    private BuildContextArchive? _lastPiece;
    private bool _building;
    // Prepared archives read once for the whole invocation (piped, standard input), sent to each engine in turn.
    private PreparedArchive? _piped;
    private PreparedArchive? _standardInput;

    /// <summary>
    /// The build context: a directory; a tar archive file (plain, or gzip, bzip2, xz or zstd compressed) sent as it
    /// is; <c>-</c> for an archive on standard input; or a git repository (<c>https://…/x.git#ref:subdir</c>,
    /// <c>git@…</c>, <c>github.com/…</c>) or http(s) URL the engine fetches.
    /// </summary>
    [Parameter(ParameterSetName = FileSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = ContentSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>A prepared build context: the bytes of a tar archive (plain or compressed), or a stream of them; piped bytes are joined in order.</summary>
    [Parameter(ParameterSetName = ArchiveSet, Mandatory = true, ValueFromPipeline = true)]
    [Alias("InputObject")]
    [BuildContextArchiveTransformation]
    [ValidateNotNull]
    public BuildContextArchive? ContextArchive { get; set; }

    /// <summary>
    /// With a context directory, the Dockerfile relative to the current location, which may be outside the context;
    /// with an archive or a remote context, a path inside it. Default: Dockerfile (else dockerfile) in the context.
    /// </summary>
    [Parameter(ParameterSetName = FileSet)]
    [Parameter(ParameterSetName = ArchiveSet)]
    [ValidateNotNullOrEmpty]
    public string? Dockerfile { get; set; }

    /// <summary>The Dockerfile's text itself, e.g. from <c>Get-Content -Raw</c>.</summary>
    [Parameter(ParameterSetName = ContentSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public DockerfileText? DockerfileContent { get; set; }

    /// <summary>Names for the built image, <c>repository[:tag]</c> (no tag means latest).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? Tag { get; set; }

    /// <summary>Values for the Dockerfile's ARG instructions; a $null value leaves an ARG its default.</summary>
    [Parameter]
    public Hashtable? BuildArg { get; set; }

    /// <summary>The stage of a multi-stage Dockerfile to build (its <c>FROM ... AS name</c>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Target { get; set; }

    /// <summary>Labels for the built image.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>Runs every step afresh rather than reusing cached results.</summary>
    [Parameter]
    public SwitchParameter NoCache { get; set; }

    /// <summary>Pulls newer versions of the base images even when they are present.</summary>
    [Parameter]
    public SwitchParameter Pull { get; set; }

    /// <summary>Removes the container of a failed step too (by default it is kept for inspection).</summary>
    [Parameter]
    public SwitchParameter ForceRemove { get; set; }

    /// <summary>The platform to build for, e.g. <c>linux/amd64</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>The network of RUN steps: <c>bridge</c>, <c>host</c>, <c>none</c>, or a network name or id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string? Network { get; set; }

    /// <summary>Entries <c>host:ip</c> added to /etc/hosts in RUN steps.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ExtraHost { get; set; }

    /// <summary>Images whose layers the build may reuse as cache.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string[]? CacheFrom { get; set; }

    protected override object? TargetOfItem => Path ?? (ParameterSetName == ArchiveSet ? PipedArchive : null);

    /// <summary>Checks the tags before any engine call: they are the same for every input.</summary>
    protected override void BeginProcessing() => _tags = (Tag ?? []).Select(tag => this.ParseReference(tag, allowDigest: false, stop: true)!).ToArray();

    /// <summary>Builds the piped archive, once all of it is in.</summary>
    protected override void EndProcessing()
    {
        if (ParameterSetName == ArchiveSet && !_building && _pieces.Count > 0)
        {
            _building = true;
            ProcessRecord();
        }
    }

    public void Dispose()
    {
        _piped?.Dispose();
        _standardInput?.Dispose();
    }

    protected override void ProcessItem()
    {
        if (ParameterSetName == ArchiveSet && !_building)
        {
            Collect();
            return;
        }
        if (Plan() is not { } plan)
        {
            return;
        }
        try
        {
            Build(plan);
        }
        finally
        {
            plan.Owned?.Dispose();
        }
    }

    /// <summary>
    /// What one build sends: the context as shown in messages, its body (null for a remote context), the Dockerfile's
    /// name in the context and its text when it is known here, a remote context, and a prepared archive this build opened.
    /// </summary>
    private sealed record BuildPlan(string Shown, BuildContextBody? Body, string DockerfileName, byte[]? DockerfileText, string? Remote, IDisposable? Owned = null);

    private void Build(BuildPlan plan)
    {
        var buildArgs = (BuildArg ?? []).Cast<DictionaryEntry>().ToDictionary(e => LanguagePrimitives.ConvertTo<string>(e.Key), e => Text(e.Value));
        var spec = new BuildSpec
        {
            Tags = _tags,
            Dockerfile = plan.DockerfileName,
            Remote = plan.Remote,
            BuildArgs = buildArgs,
            Labels = Strings(Label),
            Target = Target,
            NoCache = NoCache,
            Pull = Pull,
            ForceRemove = ForceRemove,
            Platform = Platform,
            NetworkMode = Network,
            ExtraHosts = ExtraHost ?? [],
            CacheFrom = CacheFrom ?? [],
        };
        if (!ShouldProcess(plan.Shown, _tags.Count == 0 ? "Build an untagged image" : $"Build image {string.Join(", ", _tags)}"))
        {
            return;
        }
        var credentials = plan.DockerfileText is { } dockerfile ? BaseImageCredentials(Encoding.UTF8.GetString(dockerfile), buildArgs) : StoredCredentials();
        var id = AwaitBuild(plan, spec, credentials);
        WriteObject(Await(ct => ImageOperations.InspectAsync(TargetEngine, id, ct)));
    }

    /// <summary>Keeps what -ContextArchive was given for this record (once, however many contexts each record is handled for).</summary>
    private void Collect()
    {
        if (ReferenceEquals(ContextArchive, _lastPiece) || ContextArchive is not { } piece)
        {
            return;
        }
        _lastPiece = piece;
        if (piece.Stream is { } stream)
        {
            _pieces.Add(stream);
        }
        else if (_pieces.LastOrDefault() is JoinedBytes bytes)
        {
            bytes.Write(piece.Bytes);
        }
        else
        {
            var joined = new JoinedBytes();
            joined.Write(piece.Bytes);
            _pieces.Add(joined);
        }
    }

    /// <summary>Bytes piped one after another, kept together (a stream of this cmdlet's own, unlike a piped one).</summary>
    private sealed class JoinedBytes : MemoryStream;

    /// <summary>What to build for the current item, with every local check done; null, with the error written, when it cannot be built.</summary>
    private BuildPlan? Plan()
    {
        if (ParameterSetName == ArchiveSet)
        {
            if (_piped is null)
            {
                var (stream, owned) = PipedArchiveStream();
                _piped = Once(stream, PipedArchive, owned);
            }
            return ArchivePlan(_piped, owned: null);
        }
        var kind = BuildContextLocation.Detect(Path!, LocalKind);
        if (kind is null)
        {
            WriteError(ErrorFor(ErrorCatalog.BuildContextNotFound,
                new ItemNotFoundException($"The build context '{Path}' is not a directory or file here, nor a git repository or http(s) URL."), Path));
            return null;
        }
        if (kind != BuildContextKind.Directory && DockerfileContent is not null)
        {
            WriteError(ErrorFor(ErrorCatalog.DockerfileContentNeedsDirectory, new ArgumentException(
                $"-DockerfileContent adds the Dockerfile to a context directory as it is archived; '{Path}' is {Words(kind.Value)}, sent as it is. " +
                "Name a Dockerfile inside it with -Dockerfile instead."), Path));
            return null;
        }
        switch (kind)
        {
            case BuildContextKind.Directory:
                return DirectoryPlan();
            case BuildContextKind.ArchiveFile:
                var file = System.IO.Path.GetFullPath(this.FileSystemPath(Path!)!);
                var archive = PreparedArchive.FromFile(file);
                try
                {
                    return ArchivePlan(archive, owned: archive) ?? Dispose(archive);
                }
                catch
                {
                    archive.Dispose();
                    throw;
                }
            case BuildContextKind.StandardInput:
                if (_standardInput is null && !Console.IsInputRedirected)
                {
                    WriteError(ErrorFor(ErrorCatalog.StandardInputNotRedirected, new InvalidOperationException(
                        "'-' reads the build context archive from standard input, and this session's standard input is not redirected. " +
                        "Pipe the archive's bytes instead: Get-Content ./context.tar -AsByteStream -Raw | Invoke-DockerBuild"), Path));
                    return null;
                }
                return ArchivePlan(_standardInput ??= Once(Console.OpenStandardInput(), StandardInput, owned: true), owned: null);
            default:
                if (Credential is not null)
                {
                    WriteError(ErrorFor(ErrorCatalog.CredentialNeedsDockerfile, new ArgumentException(
                        "-Credential is sent for the registries the Dockerfile's FROM lines name, and the engine fetches this remote context itself: " +
                        "its Dockerfile is not read here. Store the registry's credentials with Connect-DockerRegistry instead; stored ones are sent for every registry."), Path));
                    return null;
                }
                return new BuildPlan(BuildContextLocation.Redact(Path!), null, Dockerfile ?? DefaultDockerfile, null, Path);
        }

        static BuildPlan? Dispose(PreparedArchive archive)
        {
            archive.Dispose();
            return null;
        }
    }

    /// <summary>A prepared archive read once for the invocation: kept in memory when several engines get it and it cannot be read again.</summary>
    private PreparedArchive Once(Stream stream, string description, bool owned)
    {
        var archive = PreparedArchive.FromStream(stream, description, owned);
        if (Context is not { Length: > 1 } || archive.CanRewind)
        {
            return archive;
        }
        using (archive)
        {
            return archive.Rewindable();
        }
    }

    /// <summary>
    /// The piped pieces as one stream, and whether it is this cmdlet's to dispose: a stream piped alone is read as it is
    /// sent (from where it is; the caller keeps it), anything else is joined in memory.
    /// </summary>
    private (Stream Stream, bool Owned) PipedArchiveStream()
    {
        switch (_pieces)
        {
            case [JoinedBytes bytes]:
                bytes.Position = 0;
                return (bytes, true);
            case [Stream only]:
                return (only, false);
        }
        var joined = new JoinedBytes();
        foreach (var piece in _pieces)
        {
            if (piece is JoinedBytes bytes)
            {
                bytes.Position = 0;
            }
            ((Stream)piece).CopyTo(joined);
        }
        joined.Position = 0;
        return (joined, true);
    }

    /// <summary>Checks a prepared archive and finds its Dockerfile when it can be read here.</summary>
    private BuildPlan? ArchivePlan(PreparedArchive archive, IDisposable? owned)
    {
        if (archive.IsEmpty || archive.Format == ArchiveFormat.None)
        {
            WriteError(ErrorFor(ErrorCatalog.InvalidBuildContext, new InvalidDataException(archive.IsEmpty
                ? $"{Subject(archive)} is empty: a prepared build context is a tar archive."
                : $"{Subject(archive)} is not a tar archive, plain or compressed with gzip, bzip2, xz or zstd (the compressions the engine unpacks)."), TargetOfItem));
            return null;
        }
        var name = Dockerfile ?? DefaultDockerfile;
        var (lookup, text) = archive.FindDockerfile(name);
        if (lookup == DockerfileLookup.Missing)
        {
            WriteError(ErrorFor(ErrorCatalog.DockerfileNotFound, new ItemNotFoundException(
                $"{Subject(archive)} has no Dockerfile '{name}': with an archive, -Dockerfile names a path inside it."), Dockerfile ?? name));
            return null;
        }
        if (lookup == DockerfileLookup.Unknown && Credential is not null)
        {
            WriteError(ErrorFor(ErrorCatalog.CredentialNeedsDockerfile, new ArgumentException(
                $"-Credential is sent for the registries the Dockerfile's FROM lines name, and the Dockerfile of {Shown(archive)} cannot be read here " +
                $"({(archive.CanRewind ? BuildArchive.Describe(archive.Format) + ", which .NET cannot read" : "a stream that can be read only once")}). " +
                "Store the registry's credentials with Connect-DockerRegistry instead; stored ones are sent for every registry."), TargetOfItem));
            return null;
        }
        return new BuildPlan(Shown(archive), archive, name, text, null, owned);
    }

    private static string Shown(PreparedArchive archive) => archive.File is { } file ? $"'{file}'" : archive.Description;

    /// <summary>The archive as the subject of a message: "The build context '/x/ctx.tar'", "The piped archive", "Standard input".</summary>
    private static string Subject(PreparedArchive archive) =>
        archive.File is { } file ? $"The build context '{file}'" : char.ToUpperInvariant(archive.Description[0]) + archive.Description[1..];

    private static string Words(BuildContextKind kind) => kind switch
    {
        BuildContextKind.ArchiveFile => "a file (a prepared archive)",
        BuildContextKind.StandardInput => "standard input (a prepared archive)",
        BuildContextKind.GitRepository => "a git repository the engine clones",
        _ => "a URL the engine downloads",
    };

    /// <summary>Whether the text names a local directory (true), file (false) or nothing local (null), without errors for text that is no path.</summary>
    private bool? LocalKind(string text)
    {
        string resolved;
        try
        {
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(text, out var provider, out _);
            if (provider.Name != "FileSystem")
            {
                return null;
            }
        }
        catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException or ProviderNotFoundException or NotSupportedException or ArgumentException
            or PSInvalidOperationException)
        {
            return null;
        }
        return Directory.Exists(resolved) ? true : File.Exists(resolved) ? false : null;
    }

    /// <summary>The directory's build: its Dockerfile read and, when outside or given as text, added to the archive.</summary>
    private BuildPlan? DirectoryPlan()
    {
        if (ContextDirectory() is not { } context || ReadDockerfile(context) is not (var dockerfile, var name, var sent))
        {
            return null;
        }
        return new BuildPlan(context, BuildContextBody.Of(BuildContext.Scan(context, name, sent)), name, dockerfile, null);
    }

    private static string? Text(object? value) => value is null ? null : LanguagePrimitives.ConvertTo<string>(value);

    /// <summary>The context directory as a full path; null, with BuildContextNotFound written, when there is none.</summary>
    private string? ContextDirectory()
    {
        if (this.FileSystemPath(Path!) is not { } resolved)
        {
            return null;
        }
        var directory = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(resolved));
        if (Directory.Exists(directory))
        {
            return directory;
        }
        WriteError(ErrorFor(ErrorCatalog.BuildContextNotFound, new ItemNotFoundException($"The build context directory '{directory}' does not exist."), Path));
        return null;
    }

    /// <summary>
    /// The Dockerfile's bytes, its name in the context archive, and the bytes to add to the archive under that name:
    /// none for a file inside the context (it is sent with the rest); for one outside it or given as text, a random
    /// name the context cannot already hold, as the docker CLI does. Null, with DockerfileNotFound written, when the
    /// file does not exist.
    /// </summary>
    private (byte[] Content, string Name, ReadOnlyMemory<byte>? Added)? ReadDockerfile(string context)
    {
        if (DockerfileContent is not null)
        {
            var text = Encoding.UTF8.GetBytes(DockerfileContent.Text);
            return (text, RandomName(), text);
        }
        string file;
        if (Dockerfile is null)
        {
            // As the docker CLI: Dockerfile, else dockerfile.
            file = System.IO.Path.Join(context, DefaultDockerfile);
            var lower = System.IO.Path.Join(context, DefaultDockerfile.ToLowerInvariant());
            file = !File.Exists(file) && File.Exists(lower) ? lower : file;
        }
        else if (this.FileSystemPath(Dockerfile) is { } resolved)
        {
            file = System.IO.Path.GetFullPath(resolved);
        }
        else
        {
            return null;
        }
        if (!File.Exists(file))
        {
            WriteError(ErrorFor(ErrorCatalog.DockerfileNotFound, new ItemNotFoundException($"The Dockerfile '{file}' does not exist."), Dockerfile ?? file));
            return null;
        }
        var content = File.ReadAllBytes(file);
        var relative = System.IO.Path.GetRelativePath(context, file);
        var inside = !System.IO.Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (inside)
        {
            return (content, relative.Replace(System.IO.Path.DirectorySeparatorChar, '/'), null);
        }
        return (content, RandomName(), content);
    }

    /// <summary>The name the docker CLI gives a Dockerfile it adds to the context.</summary>
    private static string RandomName() => ".dockerfile." + RandomNumberGenerator.GetHexString(20, lowercase: true);

    /// <summary>Credentials for the registries of the images the Dockerfile pulls (FROM, COPY --from): -Credential, else the stored ones.</summary>
    private IReadOnlyList<RegistryCredential> BaseImageCredentials(string dockerfile, IReadOnlyDictionary<string, string?> buildArgs)
    {
        var references = new List<ImageReference>();
        foreach (var image in DockerfileBaseImages.Find(dockerfile, buildArgs))
        {
            try
            {
                references.Add(ImageReference.Parse(image, allowDigest: true));
            }
            catch (FormatException)
            {
                // The engine says what is wrong with it, at its step.
            }
        }
        return references.DistinctBy(r => RegistryCredentials.KeyFor(r.Domain)).Select(CredentialFor).ToArray();
    }

    /// <summary>
    /// Without the Dockerfile at hand (a remote context, an archive not read here), the stored credentials of every
    /// registry config.json names, as <c>docker build</c> sends them all; one that cannot be read is left out.
    /// </summary>
    private IReadOnlyList<RegistryCredential> StoredCredentials()
    {
        var config = DockerCliConfig.FromEnvironment(Environment.GetEnvironmentVariable);
        var credentials = new List<RegistryCredential>();
        foreach (var key in RegistryCredentials.StoredRegistries(config))
        {
            try
            {
                credentials.Add(Await(ct => RegistryCredentials.ResolveAsync(config, key, ct)));
                WriteVerbose($"Credentials for {key} from {RegistryCredentials.StoreFor(config, key)}.");
            }
            catch (CredentialStoreException e)
            {
                WriteVerbose($"No credentials for {key}: {e.Message}");
            }
        }
        return credentials;
    }

    /// <summary>
    /// Runs the build on other threads and writes, from the pipeline thread as it goes: the upload's progress until
    /// the engine starts answering (it reads the whole context first), or the engine's download of a remote URL until
    /// the first step, each output line, and base-image pulls. Ctrl+C stops it: the request is aborted and the engine
    /// cancels the build.
    /// </summary>
    private string AwaitBuild(BuildPlan plan, BuildSpec spec, IReadOnlyList<RegistryCredential> credentials)
    {
        var progress = new BuildProgress();
        // A remote context is not uploaded: the engine reports its download of a URL (not of a git repository) instead.
        var activity = plan.Body switch
        {
            null => $"Downloading build context {plan.Shown}",
            PreparedArchive { File: null } => $"Uploading {plan.Shown}",
            _ => $"Uploading build context {plan.Shown}",
        };
        var upload = new ProgressRecord(NextActivityId(), activity, "Starting");
        var pulls = new ProgressRecord(NextActivityId(), "Pulling base images", "Starting");
        var layers = new Dictionary<string, ProgressRecord>();
        var pulling = false;
        var engine = TargetEngine;
        var uploading = true;
        var downloadShown = false;
        // Woken by each new output line, so lines are written as they come.
        return AwaitReporting(ct => BuildOperations.BuildAsync(engine, plan.Body, spec, credentials, progress, ct), done =>
        {
            if (uploading && plan.Body is null)
            {
                // The engine downloads a URL before the first step, saying how far it is; a git clone says nothing.
                if (progress.Upload.Bytes > 0)
                {
                    downloadShown = true;
                    WriteTransferProgress(upload, progress.Upload);
                }
                if (done || progress.Output.Step is not null)
                {
                    if (downloadShown)
                    {
                        upload.RecordType = ProgressRecordType.Completed;
                        WriteProgress(upload);
                    }
                    uploading = false;
                }
            }
            else if (uploading)
            {
                WriteTransferProgress(upload, progress.Upload);
                if (progress.Answered || done)
                {
                    upload.RecordType = ProgressRecordType.Completed;
                    WriteProgress(upload);
                    uploading = false;
                }
            }
            WriteOutput(progress.Output);
            if (progress.Pulls.Status is not null || progress.Pulls.Layers.Count > 0)
            {
                pulling = true;
                WriteLayers(pulls, layers, progress.Pulls);
            }
            if (done && pulling)
            {
                CompleteLayers(pulls, layers);
            }
        }, progress.Output.Arrived);
    }

    private void WriteOutput(BuildOutput output)
    {
        while (output.TryTake(out var line))
        {
            var step = BuildOutput.IsStep(line);
            WriteInformation(new HostInformationMessage { Message = line }, step ? [HostTag, OutputTag, StepTag] : [HostTag, OutputTag]);
            if (step)
            {
                WriteVerbose(line);
            }
        }
    }
}
