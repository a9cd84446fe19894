using System.Collections;
using DockerPS.Completion;
using DockerPS.Parsing;

namespace DockerPS.Commands;

/// <summary>
/// The parameters of <c>docker create</c> that New-DockerContainer and Invoke-DockerContainer share, checked
/// before any engine call: text in the docker CLI's syntaxes (ports, volumes, mounts, sizes, CPUs, restart
/// policies, env files) that does not parse is an Invalid&lt;Parameter&gt; error for that item.
/// </summary>
public abstract class ContainerCreateCmdlet : DockerCmdlet, IDynamicParameters
{
    /// <summary>The image to create the container from: a reference or an id; Image objects bind by their Reference.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Reference")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ImageNameCompleter))]
    public string Image { get; set; } = null!;

    /// <summary>The command and its arguments, replacing the image's CMD.</summary>
    [Parameter(Position = 1, ValueFromRemainingArguments = true)]
    public string[]? Command { get; set; }

    /// <summary>The container's name; the engine makes one up when omitted.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Replaces the image's ENTRYPOINT; an empty string clears it.</summary>
    [Parameter]
    [AllowEmptyString]
    public string[]? Entrypoint { get; set; }

    /// <summary>Environment variables: hashtables of names to values, or <c>docker run -e</c>'s <c>NAME=value</c> and <c>NAME</c> (the caller's value).</summary>
    [Parameter]
    [Alias("Env")]
    public object[]? Environment { get; set; }

    /// <summary>Files of NAME=value lines, read as <c>docker run --env-file</c> reads them.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? EnvFile { get; set; }

    /// <summary>Ports to publish, <c>[ip:][hostPort:]containerPort[/protocol]</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Publish { get; set; }

    /// <summary>Publishes every exposed port to a random host port.</summary>
    [Parameter]
    public SwitchParameter PublishAll { get; set; }

    /// <summary>Volumes, <c>source:target[:options]</c> (a host path or a volume name), or a target for an anonymous volume.
    /// Volume names complete, as the part before the colon.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VolumeNameCompleter))]
    public string[]? Volume { get; set; }

    /// <summary>Mounts in <c>--mount</c> syntax, e.g. <c>type=bind,source=/data,target=/data,readonly</c>.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Mount { get; set; }

    /// <summary>The network to connect to (a network name, or bridge, host, none, container:name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(NetworkNameCompleter))]
    public string? Network { get; set; }


    /// <summary>Labels, name to value.</summary>
    [Parameter]
    public Hashtable? Label { get; set; }

    /// <summary>The working directory of the command.</summary>
    [Parameter]
    [Alias("WorkDir")]
    [ValidateNotNullOrEmpty]
    public string? WorkingDirectory { get; set; }

    /// <summary>The user (name or uid, optionally :group) the command runs as.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Hostname { get; set; }

    /// <summary>Gives the container a pseudo-terminal.</summary>
    [Parameter]
    public SwitchParameter Tty { get; set; }

    /// <summary>Keeps the container's standard input open.</summary>
    [Parameter]
    public SwitchParameter Interactive { get; set; }




    /// <summary>The platform of the image to use, e.g. linux/amd64.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Platform { get; set; }

    /// <summary>When to pull the image (<c>--pull</c>): missing (when the engine does not have it), always, or never.</summary>
    [Parameter]
    [ValidateSet("missing", "always", "never")]
    public string Pull { get; set; } = "missing";

    /// <summary>Engine API Config fields merged over everything else, for settings without a parameter.</summary>
    [Parameter]
    public Hashtable? Config { get; set; }

    /// <summary>Engine API HostConfig fields merged over everything else, for settings without a parameter.</summary>
    [Parameter]
    public Hashtable? HostConfig { get; set; }

    /// <summary>The resource limits and restart policy, declared once for create, run and update.</summary>
    public ContainerResourceParameters Resources { get; } = new();

    public object GetDynamicParameters() => Resources;

    protected override object? TargetOfItem => Image;

    /// <summary>The create request; the first parameter that does not parse throws its Invalid&lt;Parameter&gt; error.</summary>
    protected ContainerCreateSpec BuildSpec(bool autoRemove, bool interactive = false)
    {
        var volumes = Parsed(nameof(Volume), Volume, MountSpec.ParseVolume);
        return new ContainerCreateSpec
        {
            Image = Image,
            Name = Name,
            Platform = Platform,
            Command = Command,
            Entrypoint = Entrypoint is null ? null : Entrypoint.Where(e => e.Length > 0).ToArray(),
            Environment = LastPerName([.. EnvFileLines(), .. EnvironmentEntries(Environment)]),
            Publish = Parsed(nameof(Publish), Publish, PortSpec.Parse).SelectMany(p => p).ToArray(),
            PublishAll = PublishAll,
            Binds = volumes.Select(v => v.Bind).OfType<string>().ToArray(),
            AnonymousVolumes = volumes.Select(v => v.AnonymousTarget).OfType<string>().ToArray(),
            Mounts = Parsed(nameof(Mount), Mount, MountSpec.ParseMount),
            Network = Network,
            Labels = Strings(Label),
            WorkingDirectory = WorkingDirectory,
            User = User,
            Hostname = Hostname,
            Tty = Tty,
            Interactive = Interactive || interactive,
            Resources = Resources.Parse(),
            AutoRemove = autoRemove,
            RawConfig = Plain(Config),
            RawHostConfig = Plain(HostConfig),
        };
    }

    /// <summary>
    /// Creates the container, pulling its image as -Pull says: always first; with missing (as docker run) when the engine
    /// does not have it, then creating again. An image not pulled and not on the engine is ImageNotFound.
    /// </summary>
    protected string Create(ContainerCreateSpec spec)
    {
        if (Pull == "always")
        {
            PullImage(InvalidParameterSyntaxException.Parse("Reference", spec.Image, t => ImageReference.Parse(t, allowDigest: true)), spec.Platform);
        }
        (string Id, IReadOnlyList<string> Warnings) created;
        try
        {
            created = Await(ct => ContainerOperations.CreateAsync(TargetEngine, spec, ct));
        }
        catch (DockerEngineException e) when (e.Code == ErrorCatalog.ImageNotFound && Pull == "missing" && Pullable(spec.Image) is { } reference)
        {
            WriteVerbose($"Unable to find image '{reference}' locally.");
            PullImage(reference, spec.Platform);
            created = Await(ct => ContainerOperations.CreateAsync(TargetEngine, spec, ct));
        }
        foreach (var warning in created.Warnings)
        {
            WriteWarning(warning);
        }
        return created.Id;
    }

    private void PullImage(ImageReference reference, string? platform) => PullImage(reference, allTags: false, platform, StoredCredentialFor(reference));

    /// <summary>The image as a reference to pull; null for text that is none (an image id), which only the engine can have.</summary>
    private static ImageReference? Pullable(string image)
    {
        try
        {
            return ImageReference.Parse(image, allowDigest: true);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>NAME=value entries with later ones (-Environment over -EnvFile) replacing earlier ones of the same name.</summary>
    private static string[] LastPerName(string[] entries) =>
        entries.GroupBy(e => e.Split('=', 2)[0], StringComparer.Ordinal).Select(g => g.Last()).ToArray();

    private IEnumerable<string> EnvFileLines() => (EnvFile ?? []).SelectMany(path =>
    {
        try
        {
            var lines = File.ReadAllLines(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            return Parsing.EnvFile.Parse(lines, System.Environment.GetEnvironmentVariable).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidParameterSyntaxException(nameof(EnvFile), path, e);
        }
    });

    private static IReadOnlyList<T> Parsed<T>(string parameter, IEnumerable<string>? values, Func<string, T> parse) =>
        (values ?? []).Select(value => InvalidParameterSyntaxException.Parse(parameter, value, parse)).ToArray();

    /// <summary>Hashtables from PowerShell as plain dictionaries, lists and values the engine layer can serialize.</summary>
    private static IDictionary<string, object?>? Plain(Hashtable? table) =>
        table?.Cast<DictionaryEntry>().ToDictionary(e => LanguagePrimitives.ConvertTo<string>(e.Key), e => PlainValue(e.Value));

    private static object? PlainValue(object? value) => value switch
    {
        PSObject wrapped => PlainValue(wrapped.BaseObject),
        Hashtable table => Plain(table),
        string text => text,
        IEnumerable list => list.Cast<object?>().Select(PlainValue).ToArray(),
        _ => value,
    };
}
