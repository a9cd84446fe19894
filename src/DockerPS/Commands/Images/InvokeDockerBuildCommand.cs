using System.Collections;
using System.Security.Cryptography;
using System.Text;
using DockerPS.Archive;
using DockerPS.Build;
using DockerPS.Completion;
using DockerPS.Parsing;
using DockerPS.Registry;

namespace DockerPS.Commands;

/// <summary>
/// <c>DOCKER_BUILDKIT=0 docker build</c>: builds an image with the engine's classic builder from a context directory,
/// streamed as a tar while it is archived, and a Dockerfile in it, outside it, or given as text. Steps and their output
/// are written as they happen (information stream), upload and base-image pulls as progress; the result is the built
/// image, found by the id the engine reports.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "DockerBuild", DefaultParameterSetName = FileSet, SupportsShouldProcess = true)]
[OutputType(typeof(ImageDetail))]
public sealed class InvokeDockerBuildCommand : ImageTransferCmdlet
{
    private const string FileSet = "File";
    private const string ContentSet = "Content";

    /// <summary>The information-stream tag of build output; step lines also carry <see cref="StepTag"/>.</summary>
    public const string OutputTag = "DockerBuild";
    public const string StepTag = "DockerBuildStep";

    /// <summary>Write-Host's tag: the host shows these records unless information is ignored.</summary>
    private const string HostTag = "PSHOST";

    private const string DefaultDockerfile = "Dockerfile";

    private IReadOnlyList<ImageReference> _tags = [];

    /// <summary>The build context: the directory whose files the Dockerfile's COPY and ADD read.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The Dockerfile, relative to the current location; it may be outside the context. Default: Dockerfile in the context.</summary>
    [Parameter(ParameterSetName = FileSet)]
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

    protected override object? TargetOfItem => Path;

    /// <summary>Checks the tags before any engine call: they are the same for every input.</summary>
    protected override void BeginProcessing() => _tags = (Tag ?? []).Select(tag => this.ParseReference(tag, allowDigest: false, stop: true)!).ToArray();

    protected override void ProcessItem()
    {
        if (ContextDirectory() is not { } context || ReadDockerfile(context) is not (var dockerfile, var name, var sent))
        {
            return;
        }
        var buildArgs = (BuildArg ?? []).Cast<DictionaryEntry>().ToDictionary(e => LanguagePrimitives.ConvertTo<string>(e.Key), e => Text(e.Value));
        var spec = new BuildSpec
        {
            Tags = _tags,
            Dockerfile = name,
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
        if (!ShouldProcess(context, _tags.Count == 0 ? "Build an untagged image" : $"Build image {string.Join(", ", _tags)}"))
        {
            return;
        }
        var credentials = BaseImageCredentials(Encoding.UTF8.GetString(dockerfile), buildArgs);
        var id = AwaitBuild(context, BuildContext.Scan(context, name, sent), spec, credentials);
        WriteObject(Await(ct => ImageOperations.InspectAsync(TargetEngine, id, ct)));
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
    /// Runs the build on other threads and writes, from the pipeline thread as it goes: the upload's progress until
    /// the engine starts answering (it reads the whole context first), each output line, and base-image pulls. Ctrl+C
    /// stops it: the request is aborted and the engine cancels the build.
    /// </summary>
    private string AwaitBuild(string context, ArchiveSource source, BuildSpec spec, IReadOnlyList<RegistryCredential> credentials)
    {
        var progress = new BuildProgress();
        var upload = new ProgressRecord(GetHashCode() & int.MaxValue, $"Uploading build context {context}", "Starting");
        var pulls = new ProgressRecord((upload.ActivityId + 1) & int.MaxValue, "Pulling base images", "Starting");
        var layers = new Dictionary<string, ProgressRecord>();
        var pulling = false;
        var engine = TargetEngine;
        var uploading = true;
        // Woken by each new output line, so lines are written as they come.
        return AwaitReporting(ct => BuildOperations.BuildAsync(engine, source, spec, credentials, progress, ct), done =>
        {
            if (uploading)
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
